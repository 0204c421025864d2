/** Bug: close discards the queued tasks: work that was accepted never runs, and its callers wait forever. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/worker-pool.ts');

export const { PoolClosedError, WorkerPool } = await mutant<Module>(
  '07-producer-consumer/worker-pool',
  [
    ['    this.#closed = true;\n    this.#idle ??= new Promise((resolve) => {', '    this.#closed = true;\n    for (const entry of this.#queue.splice(0)) {\n      entry.detach();\n      entry.cancelled = true;\n    }\n    this.#idle ??= new Promise((resolve) => {'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
