/**
 * Bug: when a key is idle, its task is called synchronously inside `submit`. Sometimes-sync,
 * sometimes-async code: the caller's own bookkeeping after `submit` runs after the task started.
 */
import type { Task } from '../../../../solutions/03-message-ordering/keyed-executor.ts';

export type { Task };

interface Job {
  task: Task<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export class KeyedExecutor<K = string> {
  #queues = new Map<K, Job[]>();
  #pending = 0;
  #idle: Array<() => void> = [];
  submit<T>(key: K, task: Task<T>): Promise<T> {
    if (typeof task !== 'function') throw new TypeError('Expected `task` to be a function');
    return new Promise<T>((resolve, reject) => {
      const job: Job = { task, resolve: resolve as (value: unknown) => void, reject };
      this.#pending++;
      const queue = this.#queues.get(key);
      if (queue) {
        queue.push(job);
        return;
      }
      const fresh = [job];
      this.#queues.set(key, fresh);
      void this.#drain(key, fresh);
    });
  }
  async #drain(key: K, queue: Job[]): Promise<void> {
    while (queue.length > 0) {
      const job = queue[0]!;
      try {
        job.resolve(await job.task());
      } catch (error) {
        job.reject(error);
      }
      queue.shift();
      this.#pending--;
    }
    this.#queues.delete(key);
    if (this.#pending === 0) for (const wake of this.#idle.splice(0)) wake();
  }
  onIdle(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }
  get pending(): number {
    return this.#pending;
  }
  get activeKeys(): number {
    return this.#queues.size;
  }
}
