/**
 * Bug: once the 3-bytes-per-code-unit bound passes maxLineBytes, counts the bytes of the whole
 * unfinished line again on every chunk instead of adding the new chunk's: O(n) per chunk while
 * the line is near its limit.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['this.#pendingExact = true;', '']]);
