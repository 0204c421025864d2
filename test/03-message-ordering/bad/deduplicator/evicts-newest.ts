/**
 * Bug: when full, it drops the most recently seen id instead of the oldest, so the ids most
 * likely to be redelivered soon are the ones it forgets.
 */
import type { DeduplicatorOptions } from '../../../../solutions/03-message-ordering/deduplicator.ts';

export type { DeduplicatorOptions };

export class Deduplicator<K = string> {
  #ids: K[] = [];
  #at = new Map<K, number>();
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
    for (const [id, at] of this.#at) {
      if (this.#now() - at < this.#ttlMs) return;
      this.#drop(id);
    }
  }
  #drop(id: K): boolean {
    if (!this.#at.delete(id)) return false;
    this.#ids.splice(this.#ids.indexOf(id), 1);
    return true;
  }
  markSeen(id: K): boolean {
    this.#expire();
    if (this.#at.has(id)) return false;
    if (this.#ids.length === this.#capacity) this.#drop(this.#ids[this.#ids.length - 1] as K);
    this.#ids.push(id);
    this.#at.set(id, this.#now());
    return true;
  }
  has(id: K): boolean {
    this.#expire();
    return this.#at.has(id);
  }
  forget(id: K): boolean {
    return this.#drop(id);
  }
  get size(): number {
    this.#expire();
    return this.#ids.length;
  }
}
