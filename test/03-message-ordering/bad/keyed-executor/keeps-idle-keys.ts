/**
 * Bug: a key's chain is never removed once its tasks have settled. Every conversation id ever
 * seen stays in the map, so a long-running service leaks memory one key at a time.
 */
import { edits } from '../../../support/mutant.ts';

export default edits(
  [
    [
      '        this.#tails.delete(key);\n',
      '',
    ],
    [
      'return this.#counts.size;',
      'return this.#tails.size;',
    ],
  ],
  { base: 'test/03-message-ordering/bad/compact-keyed-executor.ts' },
);
