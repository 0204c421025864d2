/** Bug: checks the limit against the bytes kept so far, not counting the chunk being added, so it keeps a chunk that takes the line over the limit until the next one arrives. */
import { edits } from '../../../support/mutant.ts';

export default edits([['if (this.#pending + bytes.length > this.#limit + 1) {', 'if (this.#pending > this.#limit + 1) {']]);
