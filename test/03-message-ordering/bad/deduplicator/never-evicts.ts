/** Bug: a plain Set that only grows. `capacity` is ignored, so a long-lived consumer runs out of memory. */
import type { DeduplicatorOptions } from '../../../../solutions/03-message-ordering/deduplicator.ts';

export type { DeduplicatorOptions };

export class Deduplicator<K = string> {
  #seen = new Map<K, number>();
  #ttlMs: number;
  #now: () => number;
  constructor(options: DeduplicatorOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new RangeError('Expected `capacity` to be a positive integer');
    if (options.ttlMs !== undefined && !(options.ttlMs > 0)) throw new RangeError('Expected `ttlMs` to be a positive number');
    this.#ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
    this.#now = options.now ?? Date.now;
  }
  #expire(): void {
    for (const [id, at] of this.#seen) {
      if (this.#now() - at < this.#ttlMs) return;
      this.#seen.delete(id);
    }
  }
  markSeen(id: K): boolean {
    this.#expire();
    if (this.#seen.has(id)) return false;
    this.#seen.set(id, this.#now());
    return true;
  }
  has(id: K): boolean {
    this.#expire();
    return this.#seen.has(id);
  }
  forget(id: K): boolean {
    return this.#seen.delete(id);
  }
  get size(): number {
    this.#expire();
    return this.#seen.size;
  }
}
