/**
 * Bug: a duplicate sighting moves the id to the back and restarts its TTL (an LRU cache). A
 * message that keeps being redelivered is then never forgotten, and the memory is no longer
 * counted from the first sighting as the contract says.
 */
import type { DeduplicatorOptions } from '../../../../solutions/03-message-ordering/deduplicator.ts';

export type { DeduplicatorOptions };

export class Deduplicator<K = string> {
  #seen = new Map<K, number>();
  #capacity: number;
  #ttlMs: number;
  #now: () => number;
  constructor(options: DeduplicatorOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new RangeError('Expected `capacity` to be a positive integer');
    if (options.ttlMs !== undefined && !(options.ttlMs > 0)) throw new RangeError('Expected `ttlMs` to be a positive number');
    this.#capacity = options.capacity;
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
    const known = this.#seen.delete(id);
    if (!known && this.#seen.size === this.#capacity) this.#seen.delete(this.#seen.keys().next().value as K);
    this.#seen.set(id, this.#now());
    return !known;
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
