/** Bug: only running tasks listen to the signal: a task cancelled while queued still starts later and uses a slot. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/worker-pool.ts');

export const { PoolClosedError, WorkerPool } = await mutant<Module>(
  '07-producer-consumer/worker-pool',
  [
    ['      signal?.addEventListener(\'abort\', onAbort, { once: true });', '      void onAbort;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
