/** Bug: waiting tasks are taken from the back of the queue (pop), so the newest request is served first and old ones can starve. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      const entry = this.#queue.shift()!;', '      const entry = this.#queue.pop()!;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
