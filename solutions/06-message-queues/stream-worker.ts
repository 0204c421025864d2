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
  readonly #redis: Redis;
  readonly #stream: string;
  readonly #group: string;
  readonly #consumer: string;
  readonly #handler: EntryHandler;
  readonly #visibilityTimeout: number;
  readonly #maxDeliveries: number;
  readonly #deadLetterStream: string;
  readonly #batchSize: number;
  readonly #block: number;
  #groupReady: Promise<void> | undefined;
  // Where the next XAUTOCLAIM continues its scan of the pending entries list; '0-0' starts over.
  #claimCursor = '0-0';

  /**
   * @throws {TypeError} when `redis` is missing, `handler` is not a function, or a name
   *   (`stream`, `group`, `consumer`, `deadLetterStream`) is not a non-empty string.
   * @throws {RangeError} when `visibilityTimeout`, `maxDeliveries`, `batchSize` or `block` is
   *   not an integer in its range.
   * @example
   * new StreamWorker({ redis, stream: 'jobs', group: 'workers', consumer: 'w1', handler, visibilityTimeout: 30_000, maxDeliveries: 3 });
   */
  constructor(options: StreamWorkerOptions) {
    const { redis, stream, group, consumer, handler, visibilityTimeout, maxDeliveries } = options;
    const { deadLetterStream = `${stream}:dead`, batchSize = 10, block = 1000 } = options;
    if (redis === null || typeof redis !== 'object') throw new TypeError(`Expected \`redis\` to be an ioredis client, got ${String(redis)} (${typeof redis})`);
    for (const [name, value] of Object.entries({ stream, group, consumer, deadLetterStream })) {
      if (typeof value !== 'string' || value === '') throw new TypeError(`Expected \`${name}\` to be a non-empty string, got ${String(value)} (${typeof value})`);
    }
    if (typeof handler !== 'function') throw new TypeError(`Expected \`handler\` to be a function, got ${String(handler)} (${typeof handler})`);
    positiveInteger('visibilityTimeout', visibilityTimeout);
    positiveInteger('maxDeliveries', maxDeliveries);
    positiveInteger('batchSize', batchSize);
    positiveInteger('block', block);
    this.#redis = redis;
    this.#stream = stream;
    this.#group = group;
    this.#consumer = consumer;
    this.#handler = handler;
    this.#visibilityTimeout = visibilityTimeout;
    this.#maxDeliveries = maxDeliveries;
    this.#deadLetterStream = deadLetterStream;
    this.#batchSize = batchSize;
    this.#block = block;
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
    return this.#round(undefined, undefined);
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
    const { signal } = options;
    while (!signal?.aborted) await this.#round(signal, this.#block);
  }

  async #round(signal: AbortSignal | undefined, block: number | undefined): Promise<PollResult> {
    const result: PollResult = { acked: [], failed: [], deadLettered: [] };
    await this.#ensureGroup();
    const reclaimed = await this.#reclaim();
    const room = this.#batchSize - reclaimed.length;
    // Block only when there is nothing else to do, so reclaimed work never waits on new work.
    const fresh = room > 0 ? await this.#readNew(room, reclaimed.length === 0 ? block : undefined) : [];
    for (const entry of [...reclaimed, ...fresh]) {
      if (signal?.aborted) break; // the rest stay pending under this consumer, for reclaiming
      await this.#settle(entry, result);
    }
    return result;
  }

  #ensureGroup(): Promise<void> {
    this.#groupReady ??= this.#redis.xgroup('CREATE', this.#stream, this.#group, '0', 'MKSTREAM').then(
      () => undefined,
      (error: unknown) => {
        if ((error as Error).message.startsWith('BUSYGROUP')) return; // another worker made it
        this.#groupReady = undefined;
        throw error;
      },
    );
    return this.#groupReady;
  }

  async #reclaim(): Promise<StreamEntry[]> {
    const reply = (await this.#redis.xautoclaim(
      this.#stream, this.#group, this.#consumer, this.#visibilityTimeout, this.#claimCursor, 'COUNT', this.#batchSize,
    )) as [string, [string, string[]][], string[]];
    // The cursor returns to '0-0' once the whole pending list has been scanned.
    this.#claimCursor = reply[0];
    // Entries deleted from the stream (trimmed) are not claimed: since Redis 7.0 XAUTOCLAIM drops
    // them from the pending list and lists their ids apart, in reply[2].
    const claimed = reply[1];
    // XAUTOCLAIM does not report delivery counts; XPENDING does, one entry per range query.
    // An empty pipeline resolves with no replies and sends nothing.
    const pipeline = this.#redis.pipeline();
    for (const [id] of claimed) pipeline.xpending(this.#stream, this.#group, id, id, 1);
    // Only a transaction whose WATCH failed resolves with null; a plain pipeline never does.
    const counts = (await pipeline.exec())!;
    const entries: StreamEntry[] = [];
    claimed.forEach(([id, flat], i) => {
      const [error, rows] = counts[i]!;
      if (error) throw error;
      // Each row is [id, consumer, idle ms, delivery count]. No row, or another owner: someone
      // acked or reclaimed the entry in the meantime, and it is no longer this worker's.
      const row = (rows as [string, string, number, number][])[0];
      if (row && row[1] === this.#consumer) entries.push({ id, fields: toRecord(flat), deliveries: Number(row[3]) });
    });
    return entries;
  }

  async #readNew(count: number, block: number | undefined): Promise<StreamEntry[]> {
    const reply =
      block === undefined
        ? await this.#redis.xreadgroup('GROUP', this.#group, this.#consumer, 'COUNT', count, 'STREAMS', this.#stream, '>')
        : await this.#redis.xreadgroup('GROUP', this.#group, this.#consumer, 'COUNT', count, 'BLOCK', block, 'STREAMS', this.#stream, '>');
    if (!reply) return [];
    const entries: StreamEntry[] = [];
    // Reading with '>' returns only new entries, which exist, so every entry has its fields.
    for (const [, items] of reply as [string, [string, string[]][]][]) {
      for (const [id, flat] of items) entries.push({ id, fields: toRecord(flat), deliveries: 1 });
    }
    return entries;
  }

  async #settle(entry: StreamEntry, result: PollResult): Promise<void> {
    if (entry.deliveries > this.#maxDeliveries) {
      // Every earlier delivery ended without an answer (a crash, a kill): do not try again.
      const deliveries = entry.deliveries - 1;
      await this.#deadLetter(entry, `no acknowledgement after ${deliveries} deliveries`, deliveries);
      result.deadLettered.push(entry.id);
      return;
    }
    try {
      await this.#handler(entry);
    } catch (error) {
      if (entry.deliveries >= this.#maxDeliveries) {
        await this.#deadLetter(entry, error instanceof Error ? error.message : String(error), entry.deliveries);
        result.deadLettered.push(entry.id);
      } else {
        result.failed.push(entry.id); // not acked: it stays pending until someone reclaims it
      }
      return;
    }
    // Only now is the work done: acking earlier would lose the entry if this process died.
    await this.#redis.xack(this.#stream, this.#group, entry.id);
    result.acked.push(entry.id);
  }

  async #deadLetter(entry: StreamEntry, reason: string, deliveries: number): Promise<void> {
    // One transaction: a crash can never leave the entry both dead-lettered and still pending.
    const replies = await this.#redis
      .multi()
      .xadd(this.#deadLetterStream, '*', 'originalId', entry.id, 'reason', reason, 'deliveries', String(deliveries), 'fields', JSON.stringify(entry.fields))
      .xack(this.#stream, this.#group, entry.id)
      .exec();
    // exec() resolves with null only when a WATCHed key changed, and nothing is watched here. A
    // command can still fail inside the transaction (a dead-letter key holding another type): its
    // error is among the replies, and the entry must not be reported as dead-lettered.
    const failure = replies!.find(([error]) => error)?.[0];
    if (failure) throw failure;
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
  const { maxLength } = options;
  const pairs = Object.entries(fields ?? {});
  if (pairs.length === 0) throw new TypeError('Expected `fields` to have at least one field, got none');
  for (const [name, value] of pairs) {
    if (typeof value !== 'string') throw new TypeError(`Expected field \`${name}\` to be a string, got ${String(value)} (${typeof value})`);
  }
  if (maxLength !== undefined) positiveInteger('maxLength', maxLength);
  const trim = maxLength === undefined ? [] : ['MAXLEN', '~', maxLength];
  const id = await redis.xadd(stream, ...trim, '*', ...pairs.flat());
  return id!;
}

function positiveInteger(name: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new RangeError(`Expected \`${name}\` to be an integer of at least 1, got ${String(value)} (${typeof value})`);
  }
}

/** Redis returns fields flat, `[name, value, name, value, …]`. */
function toRecord(flat: string[]): Record<string, string> {
  const pairs: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  return Object.fromEntries(pairs); // own properties even for a field named __proto__
}
