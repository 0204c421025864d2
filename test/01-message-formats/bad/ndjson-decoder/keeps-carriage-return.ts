/**
 * Bug: splits on \n but never strips the \r of a \r\n ending. JSON.parse forgives a trailing
 * \r, so most lines still work, but an empty \r\n line is reported as invalid JSON and a line at
 * the size limit counts its \r.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#pending + bytes.length > this.#limit + 1) {', '    if (this.#pending + bytes.length > this.#limit) {'],
  ['    const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;', '    const end = bytes.length;'],
]);
