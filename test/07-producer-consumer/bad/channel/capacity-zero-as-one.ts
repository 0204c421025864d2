/** Bug: capacity 0 is treated as capacity 1, so an "unbuffered" send completes before any receiver has taken the value. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    this.#capacity = capacity;', '    this.#capacity = Math.max(capacity, 1);'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
