/**
 * Bug: checks the length of complete lines but not of the unfinished one it buffers, so a server
 * that never ends its line makes the client buffer without bound.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['    if (this.#pendingBytes > this.#maxLineBytes) this.#fail();\n', '']]);
