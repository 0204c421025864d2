/** Bug: the limit is never checked: every task starts at once, so a burst of requests all hit the model server together. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/worker-pool.ts');

export const { PoolClosedError, WorkerPool } = await mutant<Module>(
  '07-producer-consumer/worker-pool',
  [
    ['      if (this.#running < this.#concurrency) {', '      if (this.#running >= 0) {'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
