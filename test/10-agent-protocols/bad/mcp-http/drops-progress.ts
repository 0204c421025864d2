/**
 * Bug: answers every request with one JSON response and drops the notifications sent before it, so
 * the client never sees progress.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#mode === \'waiting\' && isResponse) {', '    if (this.#mode === \'waiting\' && !isResponse) return;\n    if (this.#mode === \'waiting\' && isResponse) {'],
]);
