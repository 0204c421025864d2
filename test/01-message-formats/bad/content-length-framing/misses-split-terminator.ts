/**
 * Bug: resumes the search for `\r\n\r\n` exactly where the previous search stopped, so a
 * terminator that straddles two chunks (`...\r\n\r` then `\n{...`) is never found.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const from = Math.max(this.#start, this.#scan - 3);', '    const from = Math.max(this.#start, this.#scan);'],
]);
