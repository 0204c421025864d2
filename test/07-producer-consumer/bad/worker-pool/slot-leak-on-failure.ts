/** Bug: the slot is freed only when a task succeeds: every failed task leaks a slot, until the pool runs nothing at all. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['          if (!settled) resolve(value);\n        },', '          if (!settled) resolve(value);\n          settled = true;\n          signal?.removeEventListener(\'abort\', onAbort);\n          this.#running--;\n          this.#next();\n        },'],
    ['      )\n      .finally(() => {\n        settled = true;\n        signal?.removeEventListener(\'abort\', onAbort);\n        this.#running--;\n        this.#next();\n      });', '      );'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
