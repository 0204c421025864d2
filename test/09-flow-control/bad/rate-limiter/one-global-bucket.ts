/**
 * Bug: every key shares one bucket, so one noisy tenant exhausts the limit for all of them.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const node = this.#buckets.node(key);', "    key = 'global';\n    const node = this.#buckets.node(key);"],
  ['    const node = this.#tats.node(key);', "    key = 'global';\n    const node = this.#tats.node(key);"],
]);
