/**
 * Bug: close() leaves the open batch to its timer, so shutting down waits maxWaitMs for nothing.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#batch.length > 0) this.#dispatch();\n    this.#settleClose();', '    this.#settleClose();'],
]);
