/**
 * Bug: when the memory is full it is cleared all at once. The bound holds, but right after each
 * clear every recent id is forgotten, so a redelivery that arrives then is processed twice.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'if (this.#entries.size === this.#capacity) this.#remove(this.#oldest!);',
    'if (this.#entries.size === this.#capacity) {\n      this.#entries.clear();\n      this.#oldest = this.#newest = undefined;\n    }',
  ],
]);
