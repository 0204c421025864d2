/**
 * Bug: treats the end of every chunk as the end of a line, so a message that arrives in two chunks
 * is read as two broken lines.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    this.#append(chunk.subarray(start));\n    return lines;', '    this.#append(chunk.subarray(start));\n    if (this.#length > 0) this.#finish(lines);\n    return lines;'],
]);
