/**
 * Bug: a duplicate sighting moves the id to the back and restarts its TTL (an LRU cache). A
 * message that keeps being redelivered is then never forgotten, and the memory is no longer
 * counted from the first sighting as the contract says.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '    if (this.#entries.has(id)) return false;\n    if (this.#entries.size === this.#capacity) this.#remove(this.#oldest!);',
    '    const known = this.#entries.get(id);\n    if (known) this.#remove(known);\n    else if (this.#entries.size === this.#capacity) this.#remove(this.#oldest!);',
  ],
  [
    '    this.#entries.set(id, entry);\n    return true;',
    '    this.#entries.set(id, entry);\n    return !known;',
  ],
]);
