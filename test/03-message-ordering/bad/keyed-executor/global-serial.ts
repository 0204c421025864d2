/**
 * Bug: one chain for every key. Order is kept, but a slow conversation holds back every other
 * conversation: there is no parallelism across keys at all.
 */
import type { Task } from '../../../../solutions/03-message-ordering/keyed-executor.ts';

export type { Task };

export class KeyedExecutor<K = string> {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #keys = new Map<K, number>();
  #idle: Array<() => void> = [];
  submit<T>(key: K, task: Task<T>): Promise<T> {
    if (typeof task !== 'function') throw new TypeError('Expected `task` to be a function');
    this.#pending++;
    this.#keys.set(key, (this.#keys.get(key) ?? 0) + 1);
    const result = this.#tail.then(() => task());
    this.#tail = result.then(
      () => this.#done(key),
      () => this.#done(key),
    );
    return result;
  }
  #done(key: K): void {
    this.#pending--;
    const left = this.#keys.get(key)! - 1;
    if (left === 0) this.#keys.delete(key);
    else this.#keys.set(key, left);
    if (this.#pending === 0) for (const wake of this.#idle.splice(0)) wake();
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
