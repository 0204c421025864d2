/** Bug: run does not check whether the pool is closed, so new work keeps arriving during shutdown. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/worker-pool.ts');

export const { PoolClosedError, WorkerPool } = await mutant<Module>(
  '07-producer-consumer/worker-pool',
  [
    ['  run<R>(task: Task<R>, options: RunOptions = {}): Promise<R> {\n    if (this.#closed) return Promise.reject(new PoolClosedError());\n    const { signal } = options;', '  run<R>(task: Task<R>, options: RunOptions = {}): Promise<R> {\n    const { signal } = options;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
