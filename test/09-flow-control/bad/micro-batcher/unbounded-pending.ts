/**
 * Bug: maxPending is ignored: every load joins a batch at once, so a burst grows memory without
 * bound instead of making callers wait.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/micro-batcher.ts');

export const { MicroBatcher, BatcherClosedError, BatchLengthError } = await mutant<Module>('09-flow-control/micro-batcher', [
  ['if (this.#pending < this.#maxPending && this.#waitingHead === this.#waiting.length) {', 'if (true) {'],
]);
