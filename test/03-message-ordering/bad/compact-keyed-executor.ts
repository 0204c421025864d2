/**
 * A compact, correct per-key serial executor (one promise chain per key, counted so idle keys
 * are dropped): the base that several known-bad executors in `keyed-executor/` edit, so each of
 * them is one small diff. It is not itself a known-bad implementation.
 */
import type { Task } from '../../../solutions/03-message-ordering/keyed-executor.ts';

export type { Task };

export class KeyedExecutor<K = string> {
  #tails = new Map<K, Promise<unknown>>();
  #counts = new Map<K, number>();
  #pending = 0;
  #idle: Array<() => void> = [];
  submit<T>(key: K, task: Task<T>): Promise<T> {
    if (typeof task !== 'function') throw new TypeError('Expected `task` to be a function');
    this.#pending++;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(
      () => task(),
      () => task(),
    );
    this.#tails.set(key, result);
    const done = (): void => {
      this.#pending--;
      const left = this.#counts.get(key)! - 1;
      if (left === 0) {
        this.#counts.delete(key);
        this.#tails.delete(key);
      } else this.#counts.set(key, left);
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
    return this.#counts.size;
  }
}
