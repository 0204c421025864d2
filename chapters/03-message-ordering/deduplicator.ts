// stub-hash: 7e9f7eae96dd9c18
// Exercise 03-message-ordering/deduplicator: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 03-message-ordering/deduplicator

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
  /**
   * Creates an empty deduplicator.
   *
   * @example
   * new Deduplicator<string>({ capacity: 1000 });
   * new Deduplicator<string>({ capacity: 1000, ttlMs: 60_000, now: () => clock.time });
   */
  constructor(options: DeduplicatorOptions) {
    // TODO: implement Deduplicator.constructor.
    throw new Error('TODO: implement Deduplicator.constructor');
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
    // TODO: implement Deduplicator.markSeen.
    throw new Error('TODO: implement Deduplicator.markSeen');
  }

  /**
   * Whether `id` is remembered right now, without recording it. O(1) amortized.
   *
   * @example
   * seen.has('msg-1'); // true after markSeen('msg-1'), until it is forgotten
   */
  has(id: K): boolean {
    // TODO: implement Deduplicator.has.
    throw new Error('TODO: implement Deduplicator.has');
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
    // TODO: implement Deduplicator.forget.
    throw new Error('TODO: implement Deduplicator.forget');
  }

  /**
   * How many ids are remembered right now (never more than `capacity`). O(1) amortized.
   *
   * @example
   * new Deduplicator({ capacity: 3 }).size; // 0
   */
  get size(): number {
    // TODO: implement Deduplicator.size.
    throw new Error('TODO: implement Deduplicator.size');
  }
}
