/**
 * Bug: gathers every byte of a line and checks the limit only when the line ends, so a client that
 * never sends a newline makes the server hold everything it sends.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['    if (this.#length + bytes.length > this.limit + 1) {\n', '    if (false) {\n']]);
