/**
 * Bug: end() returns nothing, so a last line without a trailing newline is silently lost.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#pending > 0 || this.#overflow) this.#finishLine(events);\n', ''],
]);
