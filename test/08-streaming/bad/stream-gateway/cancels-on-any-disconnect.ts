/** Bug: cancels the generation when any client leaves, although another one is still reading it. */
import { edits } from '../../../support/mutant.ts';

export default edits([['if (this.#readers.size === 0 && !this.finished) {', 'if (!this.finished) {']]);
