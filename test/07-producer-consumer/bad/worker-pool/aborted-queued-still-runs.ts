/** Bug: only running tasks listen to the signal: a task cancelled while queued still starts later and uses a slot. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      signal?.addEventListener(\'abort\', onAbort, { once: true });', '      void onAbort;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
