// stub-hash: 64867f5eedfb967e
// Exercise 06-message-queues/stream-worker: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 06-message-queues/stream-worker

import type { Redis } from 'ioredis';

/** One stream entry as a handler receives it. */
export interface StreamEntry {
  /** The entry's id in the stream, such as `'1718000000000-0'`. */
  id: string;
  /** The entry's field–value pairs, as the producer wrote them. */
  fields: Record<string, string>;
  /**
   * How many times the group has delivered this entry, this delivery included: 1 the first time,
   * 2 after one reclaim, and so on (the delivery count Redis keeps in the pending entries list).
   */
  deliveries: number;
}

/**
 * Processes one entry. Resolving means "done": the worker acknowledges the entry. Throwing (or
 * rejecting) means "failed": the entry stays pending and is retried after the visibility timeout,
 * or dead-lettered if this was its last allowed delivery.
 */
export type EntryHandler = (entry: StreamEntry) => Promise<void> | void;

/** Options for a {@link StreamWorker}. */
export interface StreamWorkerOptions {
  /**
   * A connected ioredis client. The worker sends blocking reads on it, so give each worker its
   * own connection; the worker never closes it.
   */
  redis: Redis;
  /** The stream to consume, for example `'llm:requests'`. */
  stream: string;
  /** The consumer group; every worker of one group shares the stream's entries. */
  group: string;
  /** This worker's name within the group; unique per worker. */
  consumer: string;
  /** Called once per delivery of an entry. */
  handler: EntryHandler;
  /**
   * Milliseconds an entry may stay pending, unacknowledged, before another worker may reclaim it:
   * the minimum idle time given to `XAUTOCLAIM`. A positive integer; longer than the slowest
   * successful handler.
   */
  visibilityTimeout: number;
  /**
   * How many deliveries an entry gets before it is moved to the dead-letter stream. An integer of
   * at least 1.
   */
  maxDeliveries: number;
  /** Where dead entries go. Defaults to `` `${stream}:dead` ``. */
  deadLetterStream?: string;
  /** The most entries one round takes (reclaimed and new together). An integer >= 1; default 10. */
  batchSize?: number;
  /**
   * How long, in milliseconds, {@link StreamWorker.run} waits inside `XREADGROUP … BLOCK` when
   * there is nothing to do. It bounds how long an abort takes to be noticed while idle.
   * An integer >= 1; default 1000.
   */
  block?: number;
}

/** What one round of a worker did, by entry id, in the order it happened. */
export interface PollResult {
  /** Entries whose handler succeeded and that were acknowledged. */
  acked: string[];
  /** Entries whose handler failed and that stay pending for a later retry. */
  failed: string[];
  /** Entries moved to the dead-letter stream (and acknowledged in the source stream). */
  deadLettered: string[];
}

/** Options for {@link StreamWorker.run}. */
export interface RunOptions {
  /** Stops the worker: it finishes and acknowledges the entry in hand, then `run` resolves. */
  signal?: AbortSignal;
}

/**
 * A consumer-group worker on a Redis stream with at-least-once delivery.
 *
 * Each round:
 * 1. creates the group if it does not exist yet (`XGROUP CREATE <stream> <group> 0 MKSTREAM`, so
 *    entries added before the first worker started are delivered too);
 * 2. reclaims entries that other consumers left pending for at least `visibilityTimeout` ms
 *    (`XAUTOCLAIM`), and reads their delivery counts (`XPENDING`);
 * 3. reads new entries for this consumer (`XREADGROUP … STREAMS <stream> >`), up to `batchSize`
 *    entries in all;
 * 4. calls the handler once per entry, oldest reclaimed entries first, one at a time, and
 *    acknowledges (`XACK`) each entry only after its handler resolved. A failed entry stays
 *    pending: it is not acknowledged, and is retried after the visibility timeout.
 *
 * An entry is dead-lettered, instead of handled, once it has had `maxDeliveries` deliveries: when
 * its handler fails on delivery number `maxDeliveries` (the reason is the error's message), or when
 * it is reclaimed with a delivery count above `maxDeliveries` because every earlier worker crashed
 * without an answer (the reason is `'no acknowledgement after <n> deliveries'`). Dead-lettering
 * appends to the dead-letter stream an entry with the fields
 * `originalId` (the source entry's id), `reason`, `deliveries` (the number of deliveries the
 * handler saw, as a decimal string) and `fields` (the source entry's fields as a JSON object), and
 * acknowledges the source entry, both in one `MULTI` transaction.
 *
 * Delivery is at least once: an entry whose worker crashed after handling it but before acking is
 * handled again by whoever reclaims it, so handlers must be idempotent.
 *
 * @example
 * const worker = new StreamWorker({
 *   redis, stream: 'llm:requests', group: 'gpu', consumer: `gpu-${process.pid}`,
 *   visibilityTimeout: 60_000, maxDeliveries: 5,
 *   handler: async (entry) => { await generate(JSON.parse(entry.fields.request!)); },
 * });
 * const stop = new AbortController();
 * process.once('SIGTERM', () => stop.abort());
 * await worker.run({ signal: stop.signal }); // returns after the entry in hand is acked
 */
export class StreamWorker {
  /**
   * @throws {TypeError} when `redis` is missing, `handler` is not a function, or a name
   *   (`stream`, `group`, `consumer`, `deadLetterStream`) is not a non-empty string.
   * @throws {RangeError} when `visibilityTimeout`, `maxDeliveries`, `batchSize` or `block` is
   *   not an integer in its range.
   * @example
   * new StreamWorker({ redis, stream: 'jobs', group: 'workers', consumer: 'w1', handler, visibilityTimeout: 30_000, maxDeliveries: 3 });
   */
  constructor(options: StreamWorkerOptions) {
    // TODO: implement StreamWorker.constructor.
    throw new Error('TODO: implement StreamWorker.constructor');
  }

  /**
   * Runs one round without waiting for new entries: reclaim, read, handle, acknowledge. Resolves
   * with what happened to each entry it took; with nothing to do it resolves with empty lists.
   * Rejects only when Redis does (a lost connection); a handler's error never rejects it.
   *
   * @example
   * const { acked, failed, deadLettered } = await worker.poll();
   */
  poll(): Promise<PollResult> {
    // TODO: implement StreamWorker.poll.
    throw new Error('TODO: implement StreamWorker.poll');
  }

  /**
   * Runs rounds until `signal` aborts, waiting up to `block` ms for new entries when idle. On abort
   * it finishes the entry in hand (its handler runs to the end and a success is acknowledged),
   * leaves the entries it took but had not started pending for others to reclaim, and resolves.
   * Resolves at once if the signal is already aborted. Rejects when Redis does.
   *
   * @example
   * const stop = new AbortController();
   * const done = worker.run({ signal: stop.signal });
   * stop.abort();
   * await done;
   */
  async run(options: RunOptions = {}): Promise<void> {
    // TODO: implement StreamWorker.run.
    throw new Error('TODO: implement StreamWorker.run');
  }
}

/** Options for {@link addEntry}. */
export interface AddEntryOptions {
  /**
   * Keep the stream at about this many entries: `XADD … MAXLEN ~ <maxLength>` lets Redis trim
   * whole internal nodes, so the stream keeps at least `maxLength` entries and a node's worth more
   * at most. A positive integer; without it the stream is not trimmed.
   */
  maxLength?: number;
}

/**
 * The producer: appends one entry to `stream` with an id chosen by Redis (`*`), trimming the
 * oldest entries approximately when `maxLength` is given, and resolves with the new entry's id.
 * Trimming bounds the stream's memory; it can delete entries no group has read yet, so size it
 * above the longest backlog you expect.
 *
 * @throws {TypeError} when `fields` has no field (XADD needs at least one) or a value is not a string.
 * @throws {RangeError} when `maxLength` is not a positive integer.
 * @example
 * const id = await addEntry(redis, 'llm:requests', { request: JSON.stringify(body) }, { maxLength: 100_000 });
 */
export async function addEntry(redis: Redis, stream: string, fields: Record<string, string>, options: AddEntryOptions = {}): Promise<string> {
  // TODO: implement addEntry.
  throw new Error('TODO: implement addEntry');
}
