/**
 * Bug: glues each chunk to the unfinished line and searches the whole text again for line
 * breaks. Correct, but a huge line in small chunks is searched again on every chunk: O(n²).
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '  #parse(text: string): void {\n    const n = text.length;',
    "  #parse(input: string): void {\n    const text = this.#pending.join('') + input;\n    this.#clearPending();\n    const n = text.length;",
  ],
]);
