/**
 * Options for an {@link AckQueue}.
 */
export interface AckQueueOptions {
  /**
   * How long, in milliseconds, a received message stays hidden from other receivers while its
   * receiver works on it (SQS calls this the visibility timeout). A positive finite number.
   */
  visibilityTimeout: number;
  /**
   * How many deliveries a message gets before it is moved to the dead-letter list (SQS's
   * `maxReceiveCount`). An integer of at least 1.
   */
  maxAttempts: number;
  /** The clock, in milliseconds. Defaults to `Date.now`; tests pass a virtual clock. */
  now?: () => number;
}

/** One delivery of a message to a receiver: a lease that must be acked or nacked in time. */
export interface Delivery<T> {
  /**
   * Identifies this delivery, not the message: every redelivery gets a new one (like an SQS
   * receipt handle), so a receiver whose lease already expired cannot ack someone else's.
   */
  deliveryId: string;
  /** Identifies the message across its deliveries; returned by `send`. */
  messageId: string;
  message: T;
  /** 1 on the first delivery, 2 on the first redelivery, and so on. */
  attempt: number;
  /** The clock time at which the lease expires and the message becomes visible again. */
  expiresAt: number;
}

/** A message that used up its attempts, with why its last attempt failed. */
export interface DeadLetter<T> {
  messageId: string;
  message: T;
  attempts: number;
  /** The reason given to the last `nack`, or `'visibility timeout expired'`. */
  reason: string;
}

/** How many messages are in each state. */
export interface AckQueueStats {
  /** Waiting to be received. */
  ready: number;
  /** Received and leased, neither acked nor expired yet. */
  inFlight: number;
  /** Moved to the dead-letter list. */
  deadLettered: number;
}

/**
 * An in-memory queue with at-least-once delivery, modelled on SQS and RabbitMQ consumer acks.
 *
 * - `receive` leases the oldest ready message: it stays hidden for `visibilityTimeout` ms.
 * - `ack` ends the lease and deletes the message: it was processed.
 * - `nack` ends the lease and makes the message ready again at the back of the queue.
 * - A lease that is neither acked nor nacked in time expires, and the message is ready again.
 * - A message whose delivery fails `maxAttempts` times (by nack or expiry) moves to the
 *   dead-letter list instead, with the reason for its last failure.
 *
 * A message is never lost: at every moment it is ready, in flight, dead-lettered, or acked.
 * A message may be processed more than once (a slow receiver's lease can expire while it is
 * still working), so receivers must be idempotent. Redelivered messages go to the back, so
 * redelivery does not preserve FIFO order. Expired leases are noticed on the next call
 * (lazily); all operations are O(1) amortized.
 *
 * @typeParam T - the message type.
 * @example
 * let time = 0;
 * const queue = new AckQueue<string>({ visibilityTimeout: 30_000, maxAttempts: 3, now: () => time });
 * queue.send('summarise doc 17');
 * const delivery = queue.receive()!;   // attempt 1, hidden for 30 s
 * queue.ack(delivery.deliveryId);      // true: processed, deleted
 */
export class AckQueue<T> {
  readonly #visibilityTimeout: number;
  readonly #maxAttempts: number;
  readonly #now: () => number;
  // Ready records, oldest first. A plain array with a moving head: slots before #readyHead are
  // cleared, and the array is compacted once half of it is dead, so dequeue stays O(1) amortized.
  #ready: (StoredMessage<T> | undefined)[] = [];
  #readyHead = 0;
  // Live leases by delivery id.
  #leases = new Map<string, Lease<T>>();
  // Every lease in the order it was issued. All leases last the same time, so this is also the
  // order in which they expire; acked leases are skipped lazily when they reach the front.
  #expiryOrder: Lease<T>[] = [];
  #expiryHead = 0;
  #dead: DeadLetter<T>[] = [];
  #nextMessage = 1;
  #nextDelivery = 1;

  /**
   * @throws {RangeError} when `visibilityTimeout` is not a positive finite number or
   *   `maxAttempts` is not an integer of at least 1.
   * @example
   * new AckQueue({ visibilityTimeout: 1000, maxAttempts: 5 });
   */
  constructor(options: AckQueueOptions) {
    const { visibilityTimeout, maxAttempts, now = Date.now } = options;
    if (typeof visibilityTimeout !== 'number' || !Number.isFinite(visibilityTimeout) || visibilityTimeout <= 0) {
      throw new RangeError(`Expected \`visibilityTimeout\` to be a positive finite number, got ${String(visibilityTimeout)} (${typeof visibilityTimeout})`);
    }
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new RangeError(`Expected \`maxAttempts\` to be an integer of at least 1, got ${String(maxAttempts)} (${typeof maxAttempts})`);
    }
    this.#visibilityTimeout = visibilityTimeout;
    this.#maxAttempts = maxAttempts;
    this.#now = now;
  }

  /**
   * Adds a message at the back of the queue and returns its message id. O(1).
   *
   * @example
   * const id = queue.send({ prompt: 'hello' }); // 'm1'
   */
  send(message: T): string {
    const messageId = `m${this.#nextMessage++}`;
    this.#ready.push({ messageId, message, attempts: 0 });
    return messageId;
  }

  /**
   * Leases the oldest ready message, or returns `undefined` when none is ready. Expired leases
   * are returned to the queue (or dead-lettered) first. O(1) amortized.
   *
   * @example
   * const delivery = queue.receive();
   * if (delivery) process(delivery.message);
   */
  receive(): Delivery<T> | undefined {
    this.#expireLeases();
    const record = this.#takeReady();
    if (!record) return undefined;
    record.attempts++;
    const lease: Lease<T> = {
      deliveryId: `d${this.#nextDelivery++}`,
      record,
      expiresAt: this.#now() + this.#visibilityTimeout,
    };
    this.#leases.set(lease.deliveryId, lease);
    this.#expiryOrder.push(lease);
    return {
      deliveryId: lease.deliveryId,
      messageId: record.messageId,
      message: record.message,
      attempt: record.attempts,
      expiresAt: lease.expiresAt,
    };
  }

  /**
   * Acknowledges a delivery: the message was processed and is deleted. Returns `false`, and
   * changes nothing, when the delivery id is unknown, already acked or nacked, or its lease has
   * expired (the message may already be with another receiver). O(1) amortized.
   *
   * @example
   * if (!queue.ack(delivery.deliveryId)) console.warn('too late: the message was redelivered');
   */
  ack(deliveryId: string): boolean {
    this.#expireLeases();
    return this.#leases.delete(deliveryId);
  }

  /**
   * Rejects a delivery: the message is ready again at the back of the queue, or dead-lettered
   * with `reason` if this was its last attempt. Returns `false`, and changes nothing, for an
   * unknown, settled or expired delivery. O(1) amortized.
   *
   * @example
   * queue.nack(delivery.deliveryId, 'model server returned 503');
   */
  nack(deliveryId: string, reason = 'nacked'): boolean {
    this.#expireLeases();
    const lease = this.#leases.get(deliveryId);
    if (!lease) return false;
    this.#leases.delete(deliveryId);
    this.#retryOrBury(lease.record, reason);
    return true;
  }

  /**
   * How many messages are ready, in flight and dead-lettered. O(1) amortized.
   *
   * @example
   * queue.stats; // { ready: 2, inFlight: 1, deadLettered: 0 }
   */
  get stats(): AckQueueStats {
    this.#expireLeases();
    return { ready: this.#ready.length - this.#readyHead, inFlight: this.#leases.size, deadLettered: this.#dead.length };
  }

  /**
   * The dead-lettered messages, oldest first, for inspection or a manual redrive.
   *
   * @example
   * for (const dead of queue.deadLetters) console.error(dead.messageId, dead.reason);
   */
  get deadLetters(): readonly DeadLetter<T>[] {
    this.#expireLeases();
    return [...this.#dead];
  }

  #expireLeases(): void {
    const now = this.#now();
    while (this.#expiryHead < this.#expiryOrder.length) {
      const lease = this.#expiryOrder[this.#expiryHead]!;
      // An acked or nacked lease is no longer in the map: drop it without waiting for its time.
      if (this.#leases.get(lease.deliveryId) === lease) {
        if (lease.expiresAt > now) break;
        this.#leases.delete(lease.deliveryId);
        this.#retryOrBury(lease.record, 'visibility timeout expired');
      }
      this.#expiryHead++;
    }
    if (this.#expiryHead * 2 > this.#expiryOrder.length) {
      this.#expiryOrder = this.#expiryOrder.slice(this.#expiryHead);
      this.#expiryHead = 0;
    }
  }

  #retryOrBury(record: StoredMessage<T>, reason: string): void {
    if (record.attempts >= this.#maxAttempts) {
      this.#dead.push({ messageId: record.messageId, message: record.message, attempts: record.attempts, reason });
    } else {
      this.#ready.push(record);
    }
  }

  #takeReady(): StoredMessage<T> | undefined {
    if (this.#readyHead === this.#ready.length) return undefined;
    const record = this.#ready[this.#readyHead];
    this.#ready[this.#readyHead++] = undefined;
    if (this.#readyHead * 2 > this.#ready.length) {
      this.#ready = this.#ready.slice(this.#readyHead);
      this.#readyHead = 0;
    }
    return record;
  }
}

interface StoredMessage<T> {
  messageId: string;
  message: T;
  attempts: number;
}

interface Lease<T> {
  deliveryId: string;
  record: StoredMessage<T>;
  expiresAt: number;
}
