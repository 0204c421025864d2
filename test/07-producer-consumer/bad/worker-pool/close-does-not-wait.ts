/** Bug: close resolves at once instead of waiting for the tasks in progress, so a process that exits after it cuts work off mid-way. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/worker-pool.ts');

export const { PoolClosedError, WorkerPool } = await mutant<Module>(
  '07-producer-consumer/worker-pool',
  [
    ['    });\n    this.#checkIdle();\n    return this.#idle;', '    });\n    this.#resolveIdle?.();\n    return this.#idle;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
