// One remembered id, linked into the list of ids in first-seen order (oldest at the head).
interface Entry<K> {
  id: K;
  seenAt: number;
  prev: Entry<K> | undefined;
  next: Entry<K> | undefined;
}

/** Options for {@link Deduplicator}. */
export interface DeduplicatorOptions {
  /** The most ids remembered at once; when a new id would exceed it, the oldest is forgotten. A positive integer. */
  capacity: number;
  /**
   * Optional: how long an id is remembered, in milliseconds, counted from its first sighting.
   * An id seen at time `t` is a duplicate until `t + ttlMs` and new again from then on.
   * A positive number; without it, ids are forgotten only to make room.
   */
  ttlMs?: number;
  /**
   * The clock, in milliseconds; it must never go backwards. Defaults to `Date.now`. Tests pass a
   * fake clock so that expiry happens in virtual time.
   */
  now?: () => number;
}

/**
 * The memory of an idempotent consumer: it remembers the ids of the messages it has processed so
 * that a redelivered copy (at-least-once delivery, a producer's retry) is recognised and skipped.
 * Memory is bounded: at most `capacity` ids, and optionally only for `ttlMs` after each id was
 * first seen.
 *
 * Ids are forgotten oldest first, where "oldest" means first seen earliest: seeing a duplicate
 * again does not make an id younger, just as a deduplication interval starts at the first send.
 *
 * Every operation is O(1) (amortized when ids expire).
 *
 * @typeParam K - the id type, compared with `SameValueZero` (like `Map` keys).
 * @throws RangeError from the constructor when `capacity` is not a positive integer or `ttlMs`
 *   is not a positive number.
 * @example
 * const seen = new Deduplicator<string>({ capacity: 10_000, ttlMs: 5 * 60_000 });
 * for (const message of deliveries) {
 *   if (!seen.markSeen(message.id)) continue; // a redelivery: already processed
 *   process(message);
 * }
 */
export class Deduplicator<K = string> {
  // Each remembered id has an entry in `#entries` (lookup in O(1)) and in a doubly linked list
  // ordered by first sighting (`#oldest` … `#newest`), so the oldest id is found, and any id
  // unlinked, in O(1). The clock never going backwards keeps the list sorted by `seenAt` too.
  readonly #entries = new Map<K, Entry<K>>();
  #oldest: Entry<K> | undefined;
  #newest: Entry<K> | undefined;
  readonly #capacity: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  /**
   * Creates an empty deduplicator.
   *
   * @example
   * new Deduplicator<string>({ capacity: 1000 });
   * new Deduplicator<string>({ capacity: 1000, ttlMs: 60_000, now: () => clock.time });
   */
  constructor(options: DeduplicatorOptions) {
    const { capacity, ttlMs = Number.POSITIVE_INFINITY, now = Date.now } = options;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Expected \`capacity\` to be a positive integer, got ${String(capacity)} (${typeof capacity})`);
    }
    if (typeof ttlMs !== 'number' || Number.isNaN(ttlMs) || ttlMs <= 0) {
      throw new RangeError(`Expected \`ttlMs\` to be a positive number, got ${String(ttlMs)} (${typeof ttlMs})`);
    }
    this.#capacity = capacity;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /**
   * Records `id` and says whether it is new: `true` the first time (process the message),
   * `false` while it is still remembered (a duplicate: skip it). A duplicate changes nothing.
   * Remembering a new id when `capacity` ids are remembered forgets the oldest one. O(1) amortized.
   *
   * @example
   * seen.markSeen('msg-1'); // true
   * seen.markSeen('msg-1'); // false
   */
  markSeen(id: K): boolean {
    const now = this.#now();
    this.#expire(now);
    if (this.#entries.has(id)) return false;
    if (this.#entries.size === this.#capacity) this.#remove(this.#oldest!);
    const entry: Entry<K> = { id, seenAt: now, prev: this.#newest, next: undefined };
    if (this.#newest) this.#newest.next = entry;
    else this.#oldest = entry;
    this.#newest = entry;
    this.#entries.set(id, entry);
    return true;
  }

  /**
   * Whether `id` is remembered right now, without recording it. O(1) amortized.
   *
   * @example
   * seen.has('msg-1'); // true after markSeen('msg-1'), until it is forgotten
   */
  has(id: K): boolean {
    this.#expire(this.#now());
    return this.#entries.has(id);
  }

  /**
   * Forgets `id`, so its next sighting counts as new. Use it when processing a message failed
   * and its redelivery must be processed again. Returns whether the id was remembered (an id
   * whose TTL has run out is not). O(1) amortized.
   *
   * @example
   * if (!seen.markSeen(message.id)) return;
   * try { await process(message); } catch (error) { seen.forget(message.id); throw error; }
   */
  forget(id: K): boolean {
    this.#expire(this.#now());
    const entry = this.#entries.get(id);
    if (!entry) return false;
    this.#remove(entry);
    return true;
  }

  /**
   * How many ids are remembered right now (never more than `capacity`). O(1) amortized.
   *
   * @example
   * new Deduplicator({ capacity: 3 }).size; // 0
   */
  get size(): number {
    this.#expire(this.#now());
    return this.#entries.size;
  }

  // Drops every id first seen `ttlMs` or more ago. The oldest ids are at the head, so it stops
  // at the first id that is still young: each id is dropped once, hence O(1) amortized.
  #expire(now: number): void {
    while (this.#oldest && now - this.#oldest.seenAt >= this.#ttlMs) this.#remove(this.#oldest);
  }

  // Unlinks an entry from the list and the index.
  #remove(entry: Entry<K>): void {
    if (entry.prev) entry.prev.next = entry.next;
    else this.#oldest = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else this.#newest = entry.prev;
    entry.prev = entry.next = undefined;
    this.#entries.delete(entry.id);
  }
}
