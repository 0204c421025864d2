/** Bug: the slot is freed only when a task succeeds: every failed task leaks a slot, until the pool runs nothing at all. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/worker-pool.ts');

export const { PoolClosedError, WorkerPool } = await mutant<Module>(
  '07-producer-consumer/worker-pool',
  [
    ['          if (!settled) resolve(value);\n        },', '          if (!settled) resolve(value);\n          settled = true;\n          signal?.removeEventListener(\'abort\', onAbort);\n          this.#running--;\n          this.#next();\n        },'],
    ['      )\n      .finally(() => {\n        settled = true;\n        signal?.removeEventListener(\'abort\', onAbort);\n        this.#running--;\n        this.#next();\n      });', '      );'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
