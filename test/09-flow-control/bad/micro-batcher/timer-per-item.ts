/**
 * Bug: every item starts its own timer; with thousands of loads a second that is thousands of
 * timers, most of which fire only to find their batch already sent.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    else if (batch.length === 1) this.#timer = this.#timers.setTimeout(() => this.#dispatch(), this.#maxWaitMs);', '    else this.#timers.setTimeout(() => {\n      if (this.#batch === batch) this.#dispatch();\n    }, this.#maxWaitMs);'],
]);
