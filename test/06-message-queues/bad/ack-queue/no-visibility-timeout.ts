/**
 * Bug: leases never expire. A receiver that crashes mid-request holds its message forever: it is never redelivered, never dead-lettered.
 */
export interface AckQueueOptions {
    visibilityTimeout: number;
    maxAttempts: number;
    now?: () => number;
}

export interface Delivery<T> {
    deliveryId: string;
    messageId: string;
  message: T;
    attempt: number;
    expiresAt: number;
}

export interface DeadLetter<T> {
  messageId: string;
  message: T;
  attempts: number;
    reason: string;
}

export interface AckQueueStats {
    ready: number;
    inFlight: number;
    deadLettered: number;
}

export class AckQueue<T> {
  readonly #visibilityTimeout: number;
  readonly #maxAttempts: number;
  readonly #now: () => number;
  #ready: (StoredMessage<T> | undefined)[] = [];
  #readyHead = 0;
  #leases = new Map<string, Lease<T>>();
  #expiryOrder: Lease<T>[] = [];
  #expiryHead = 0;
  #dead: DeadLetter<T>[] = [];
  #nextMessage = 1;
  #nextDelivery = 1;

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

    send(message: T): string {
    const messageId = `m${this.#nextMessage++}`;
    this.#ready.push({ messageId, message, attempts: 0 });
    return messageId;
  }

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

    ack(deliveryId: string): boolean {
    this.#expireLeases();
    return this.#leases.delete(deliveryId);
  }

    nack(deliveryId: string, reason = 'nacked'): boolean {
    this.#expireLeases();
    const lease = this.#leases.get(deliveryId);
    if (!lease) return false;
    this.#leases.delete(deliveryId);
    this.#retryOrBury(lease.record, reason);
    return true;
  }

    get stats(): AckQueueStats {
    this.#expireLeases();
    return { ready: this.#ready.length - this.#readyHead, inFlight: this.#leases.size, deadLettered: this.#dead.length };
  }

    get deadLetters(): readonly DeadLetter<T>[] {
    this.#expireLeases();
    return [...this.#dead];
  }

  #expireLeases(): void {
    const now = this.#now();
    while (this.#expiryHead < this.#expiryOrder.length) {
      const lease = this.#expiryOrder[this.#expiryHead]!;
      if (this.#leases.get(lease.deliveryId) === lease) {
        break;
        this.#leases.delete(lease.deliveryId);
        this.#retryOrBury(lease.record, 'visibility timeout expired');
      }
      this.#expiryHead++;
    }
    if (this.#expiryHead > 1024 && this.#expiryHead * 2 > this.#expiryOrder.length) {
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
    if (this.#readyHead > 1024 && this.#readyHead * 2 > this.#ready.length) {
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
