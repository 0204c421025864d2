/**
 * Bug: onIdle only checks that no task is waiting in a queue. A task that has been taken off the
 * queue and is still running is not counted, so onIdle resolves while work is in flight.
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
  #waiting = 0;
  #running = 0;
  #idle: Array<() => void> = [];
  submit<T>(key: K, task: Task<T>): Promise<T> {
    if (typeof task !== 'function') throw new TypeError('Expected `task` to be a function');
    return new Promise<T>((resolve, reject) => {
      const job: Job = { task, resolve: resolve as (value: unknown) => void, reject };
      this.#waiting++;
      const queue = this.#queues.get(key);
      if (queue) {
        queue.push(job);
        return;
      }
      const fresh = [job];
      this.#queues.set(key, fresh);
      queueMicrotask(() => void this.#drain(key, fresh));
    });
  }
  async #drain(key: K, queue: Job[]): Promise<void> {
    while (queue.length > 0) {
      const job = queue.shift()!;
      this.#waiting--;
      this.#running++;
      if (this.#waiting === 0) for (const wake of this.#idle.splice(0)) wake();
      try {
        job.resolve(await job.task());
      } catch (error) {
        job.reject(error);
      }
      this.#running--;
    }
    this.#queues.delete(key);
  }
  onIdle(): Promise<void> {
    return this.#waiting === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }
  get pending(): number {
    return this.#waiting + this.#running;
  }
  get activeKeys(): number {
    return this.#queues.size;
  }
}
