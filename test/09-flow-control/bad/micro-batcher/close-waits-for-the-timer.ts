/**
 * Bug: close() leaves the open batch to its timer, so shutting down waits maxWaitMs for nothing.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/micro-batcher.ts');

export const { MicroBatcher, BatcherClosedError, BatchLengthError } = await mutant<Module>('09-flow-control/micro-batcher', [
  ['    if (this.#batch.length > 0) this.#dispatch();\n    this.#settleClose();', '    this.#settleClose();'],
]);
