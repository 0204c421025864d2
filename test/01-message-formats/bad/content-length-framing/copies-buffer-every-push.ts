/**
 * Bug: allocates a new buffer of exactly the right size and copies everything unread into it
 * on every push. Correct, but a large body arriving in small chunks is copied again and again:
 * O(n²) for a body of n bytes.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#end + chunk.length > this.#buffer.length) {', ''],
  [
    '      if (unread + chunk.length <= this.#buffer.length / 2) {\n        this.#buffer.copyWithin(0, this.#start, this.#end);\n      } else {\n        let capacity = this.#buffer.length * 2;\n        while (capacity < 2 * (unread + chunk.length)) capacity *= 2;\n        const next = new Uint8Array(capacity);',
    '    const next = new Uint8Array(unread + chunk.length);',
  ],
  [
    '        next.set(this.#buffer.subarray(this.#start, this.#end));',
    '        next.set(this.#buffer.subarray(this.#start, this.#end));\n    next.set(chunk, unread);',
  ],
  [
    '        this.#buffer = next;\n      }',
    '        this.#buffer = next;',
  ],
  ['      this.#end = unread;', ''],
  [
    '    }\n    this.#buffer.set(chunk, this.#end);\n    this.#end += chunk.length;',
    '    this.#end = next.length;',
  ],
]);
