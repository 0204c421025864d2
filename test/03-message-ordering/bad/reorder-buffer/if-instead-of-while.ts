/**
 * Bug: `if` instead of `while` after the expected message: only one buffered successor is
 * delivered with it. The rest of the run stays held although nothing is missing, and since those
 * messages have already arrived, nothing will ever release them.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['while (this.#present[slot]) {', 'if (this.#present[slot]) {'],
]);
