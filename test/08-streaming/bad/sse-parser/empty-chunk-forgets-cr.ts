/**
 * Bug: an empty chunk after a chunk that ended with CR clears the "after CR" flag, so the LF that
 * comes next is read as a second line break: a blank line that dispatches the event too early.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['if (this.#afterCR && n > 0) {', 'if (this.#afterCR) {']]);
