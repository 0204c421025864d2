/**
 * Bug: close() leaves the open batch to its timer, so shutting down waits maxWaitMs for nothing.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    this.#dispatch();\n    this.#settleClose();\n    return this.#closing;', '    this.#settleClose();\n    return this.#closing;'],
]);
