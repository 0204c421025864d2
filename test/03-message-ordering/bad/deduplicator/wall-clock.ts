/**
 * Bug: expiry reads `Date.now()` instead of the injected clock, so time in tests (and in any
 * caller that controls its clock) does not move it: ids never expire in virtual time.
 */
import type { DeduplicatorOptions } from '../../../../solutions/03-message-ordering/deduplicator.ts';

export type { DeduplicatorOptions };

export class Deduplicator<K = string> {
  #seen = new Map<K, number>();
  #capacity: number;
  #ttlMs: number;
  constructor(options: DeduplicatorOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new RangeError('Expected `capacity` to be a positive integer');
    if (options.ttlMs !== undefined && !(options.ttlMs > 0)) throw new RangeError('Expected `ttlMs` to be a positive number');
    this.#capacity = options.capacity;
    this.#ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
  }
  #expire(): void {
    for (const [id, at] of this.#seen) {
      if (Date.now() - at < this.#ttlMs) return;
      this.#seen.delete(id);
    }
  }
  markSeen(id: K): boolean {
    this.#expire();
    if (this.#seen.has(id)) return false;
    if (this.#seen.size === this.#capacity) this.#seen.delete(this.#seen.keys().next().value as K);
    this.#seen.set(id, Date.now());
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
