/** Bug: close resolves at once instead of waiting for the tasks in progress, so a process that exits after it cuts work off mid-way. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    });\n    this.#checkIdle();\n    return this.#idle;', '    });\n    this.#resolveIdle?.();\n    return this.#idle;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
