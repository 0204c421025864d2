/**
 * Bug: when a task settles, its key's chain is deleted without checking that no later task was
 * chained behind it. A task submitted after that point finds no chain and starts at once, while
 * an earlier task of the same key is still running.
 */
import type { Task } from '../../../../solutions/03-message-ordering/keyed-executor.ts';

export type { Task };

export class KeyedExecutor<K = string> {
  #tails = new Map<K, Promise<void>>();
  #pending = 0;
  #idle: Array<() => void> = [];
  submit<T>(key: K, task: Task<T>): Promise<T> {
    if (typeof task !== 'function') throw new TypeError('Expected `task` to be a function');
    this.#pending++;
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(() => task());
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      this.#tails.delete(key); // should only happen when this tail is still the key's last one
      this.#pending--;
      if (this.#pending === 0) for (const wake of this.#idle.splice(0)) wake();
    });
    return result;
  }
  onIdle(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }
  get pending(): number {
    return this.#pending;
  }
  get activeKeys(): number {
    return this.#tails.size;
  }
}
