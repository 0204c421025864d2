/**
 * Bug: the timer restarts on every item (a debounce), so a steady trickle of loads is never sent.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    else if (batch.length === 1) this.#timer = this.#timers.setTimeout(() => this.#dispatch(), this.#maxWaitMs);', '    else {\n      this.#clearTimer();\n      this.#timer = this.#timers.setTimeout(() => this.#dispatch(), this.#maxWaitMs);\n    }'],
]);
