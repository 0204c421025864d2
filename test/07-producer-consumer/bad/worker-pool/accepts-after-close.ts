/** Bug: run does not check whether the pool is closed, so new work keeps arriving during shutdown. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['  run<R>(task: Task<R>, options: RunOptions = {}): Promise<R> {\n    if (this.#closed) return Promise.reject(new PoolClosedError());\n    const { signal } = options;', '  run<R>(task: Task<R>, options: RunOptions = {}): Promise<R> {\n    const { signal } = options;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
