/**
 * Bug: when a key is idle, its task is called synchronously inside `submit`. Sometimes
 * synchronous, sometimes not: whatever the caller does right after `submit` runs after the task
 * has already started.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/03-message-ordering/keyed-executor.ts');

export const { KeyedExecutor } = await mutant<Module>('03-message-ordering/keyed-executor', [
  ['queueMicrotask(() => void this.#drain(key, fresh));', 'void this.#drain(key, fresh);'],
]);
