/**
 * Bug: when a task settles, its key's chain is deleted without checking that no later task was
 * chained behind it. A task submitted after that point finds no chain and starts at once, while
 * an earlier task of the same key is still running.
 */
import { edits } from '../../../support/mutant.ts';

export default edits(
  [
    [
      '      const left = this.#counts.get(key)! - 1;',
      '      this.#tails.delete(key);\n      const left = this.#counts.get(key)! - 1;',
    ],
    [
      'return this.#counts.size;',
      'return this.#tails.size;',
    ],
  ],
  { base: 'test/03-message-ordering/bad/compact-keyed-executor.ts' },
);
