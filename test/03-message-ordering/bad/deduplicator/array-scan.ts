/**
 * Bug: the ids live in an array searched with `includes` and trimmed with `shift`, so every check
 * is O(capacity): a deduplicator sized for a busy queue becomes the bottleneck.
 */
import type { DeduplicatorOptions } from '../../../../solutions/03-message-ordering/deduplicator.ts';

export type { DeduplicatorOptions };

export class Deduplicator<K = string> {
  #ids: K[] = [];
  #times: number[] = [];
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
    const now = this.#now();
    while (this.#times.length > 0 && now - (this.#times[0] as number) >= this.#ttlMs) {
      this.#times.shift();
      this.#ids.shift();
    }
  }
  markSeen(id: K): boolean {
    this.#expire();
    if (this.#ids.includes(id)) return false;
    if (this.#ids.length === this.#capacity) {
      this.#ids.shift();
      this.#times.shift();
    }
    this.#ids.push(id);
    this.#times.push(this.#now());
    return true;
  }
  has(id: K): boolean {
    this.#expire();
    return this.#ids.includes(id);
  }
  forget(id: K): boolean {
    const at = this.#ids.indexOf(id);
    if (at < 0) return false;
    this.#ids.splice(at, 1);
    this.#times.splice(at, 1);
    return true;
  }
  get size(): number {
    this.#expire();
    return this.#ids.length;
  }
}
