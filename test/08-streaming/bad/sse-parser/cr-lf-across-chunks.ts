/**
 * Bug: forgets that the previous chunk ended with CR, so when a CRLF is cut between two chunks
 * the LF is read as a second line break: a blank line that dispatches the event too early.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '    if (this.#afterCR && n > 0) {\n      this.#afterCR = false;\n      if (text.charCodeAt(0) === LINE_FEED) start = 1;\n    }\n',
    '',
  ],
]);
