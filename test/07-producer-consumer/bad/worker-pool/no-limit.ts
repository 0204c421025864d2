/** Bug: the limit is never checked: every task starts at once, so a burst of requests all hit the model server together. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      if (this.#running < this.#concurrency) {', '      if (this.#running >= 0) {'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
