/** Bug: aborting a running task frees its slot at once, although the task may ignore its signal and keep running: the limit is exceeded. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['        reject(signal!.reason);\n      }', '        reject(signal!.reason);\n        this.#running--;\n        this.#next();\n      }'],
    ['      .finally(() => {\n        settled = true;', '      .finally(() => {\n        if (settled && signal?.aborted) return;\n        settled = true;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
