/**
 * Bug: when a key is idle, its task is called synchronously inside `submit`. Sometimes
 * synchronous, sometimes not: whatever the caller does right after `submit` runs after the task
 * has already started.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['queueMicrotask(() => void this.#drain(key, fresh));', 'void this.#drain(key, fresh);'],
]);
