/** Bug: waiting tasks are taken from the back of the queue (pop), so the newest request is served first and old ones can starve. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/worker-pool.ts');

export const { PoolClosedError, WorkerPool } = await mutant<Module>(
  '07-producer-consumer/worker-pool',
  [
    ['      const entry = this.#queue.shift()!;', '      const entry = this.#queue.pop()!;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
