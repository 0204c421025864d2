/** Bug: accepts an `id` that contains U+0000; the standard ignores such a field. */
import { edits } from '../../../support/mutant.ts';

export default edits([["if (!value.includes('\\0')) this.#idBuffer = value;", 'this.#idBuffer = value;']]);
