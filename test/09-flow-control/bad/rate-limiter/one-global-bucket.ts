/**
 * Bug: every key shares one bucket, so one noisy tenant exhausts the limit for all of them.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const tokens = this.#tokensAt(this.#buckets.get(key), now);', "    key = 'global';\n    const tokens = this.#tokensAt(this.#buckets.get(key), now);"],
  ['    const tat = Math.max(this.#tats.get(key) ?? now, now);', "    key = 'global';\n    const tat = Math.max(this.#tats.get(key) ?? now, now);"],
]);
