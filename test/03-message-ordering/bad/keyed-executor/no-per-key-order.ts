/**
 * Bug: every task starts as soon as it is submitted. Fast and fully parallel, but two turns of
 * the same conversation can run at once and finish in either order.
 */
import type { Task } from '../../../../solutions/03-message-ordering/keyed-executor.ts';

export type { Task };

export class KeyedExecutor<K = string> {
  #pending = 0;
  #keys = new Map<K, number>();
  #idle: Array<() => void> = [];
  submit<T>(key: K, task: Task<T>): Promise<T> {
    if (typeof task !== 'function') throw new TypeError('Expected `task` to be a function');
    this.#pending++;
    this.#keys.set(key, (this.#keys.get(key) ?? 0) + 1);
    const result = Promise.resolve().then(() => task());
    const done = (): void => {
      this.#pending--;
      const left = this.#keys.get(key)! - 1;
      if (left === 0) this.#keys.delete(key);
      else this.#keys.set(key, left);
      if (this.#pending === 0) for (const wake of this.#idle.splice(0)) wake();
    };
    result.then(done, done);
    return result;
  }
  onIdle(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }
  get pending(): number {
    return this.#pending;
  }
  get activeKeys(): number {
    return this.#keys.size;
  }
}
