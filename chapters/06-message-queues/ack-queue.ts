// stub-hash: b7a7f99da2e11573
// Exercise 06-message-queues/ack-queue: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 06-message-queues/ack-queue

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
  /**
   * @throws {RangeError} when `visibilityTimeout` is not a positive finite number or
   *   `maxAttempts` is not an integer of at least 1.
   * @example
   * new AckQueue({ visibilityTimeout: 1000, maxAttempts: 5 });
   */
  constructor(options: AckQueueOptions) {
    // TODO: implement AckQueue.constructor.
    throw new Error('TODO: implement AckQueue.constructor');
  }

  /**
   * Adds a message at the back of the queue and returns its message id. O(1).
   *
   * @example
   * const id = queue.send({ prompt: 'hello' }); // 'm1'
   */
  send(message: T): string {
    // TODO: implement AckQueue.send.
    throw new Error('TODO: implement AckQueue.send');
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
    // TODO: implement AckQueue.receive.
    throw new Error('TODO: implement AckQueue.receive');
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
    // TODO: implement AckQueue.ack.
    throw new Error('TODO: implement AckQueue.ack');
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
    // TODO: implement AckQueue.nack.
    throw new Error('TODO: implement AckQueue.nack');
  }

  /**
   * How many messages are ready, in flight and dead-lettered. O(1) amortized.
   *
   * @example
   * queue.stats; // { ready: 2, inFlight: 1, deadLettered: 0 }
   */
  get stats(): AckQueueStats {
    // TODO: implement AckQueue.stats.
    throw new Error('TODO: implement AckQueue.stats');
  }

  /**
   * The dead-lettered messages, oldest first, for inspection or a manual redrive.
   *
   * @example
   * for (const dead of queue.deadLetters) console.error(dead.messageId, dead.reason);
   */
  get deadLetters(): readonly DeadLetter<T>[] {
    // TODO: implement AckQueue.deadLetters.
    throw new Error('TODO: implement AckQueue.deadLetters');
  }
}
