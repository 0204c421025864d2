/**
 * Bug: the timer restarts on every item (a debounce), so a steady trickle of loads is never sent.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/micro-batcher.ts');

export const { MicroBatcher, BatcherClosedError, BatchLengthError } = await mutant<Module>('09-flow-control/micro-batcher', [
  ['    else if (batch.length === 1) this.#timer = this.#timers.setTimeout(() => this.#dispatch(), this.#maxWaitMs);', '    else {\n      this.#clearTimer();\n      this.#timer = this.#timers.setTimeout(() => this.#dispatch(), this.#maxWaitMs);\n    }'],
]);
