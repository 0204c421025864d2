// stub-hash: c22986e5c07e9976
// Exercise 00-getting-started/envelope: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 00-getting-started/envelope

/**
 * The warm-up exercise: a message envelope. Every message in this workbook travels as a header
 * (who it is, what kind it is, when it was sent) plus a body (the payload the receiver acts on).
 * Keeping the two apart lets routers, queues and loggers read the header without parsing or
 * copying the body.
 */

/** What every message carries besides its body. */
export interface MessageHeader {
  /** Unique per message; receivers use it to correlate replies and drop duplicates. */
  id: string;
  /** The kind of message, such as `'chat.request'`; receivers dispatch on it. */
  type: string;
  /** When the sender created the message, in milliseconds since the Unix epoch. */
  sentAt: number;
}

/** A message: a header plus a body of any type. */
export interface Envelope<T> {
  header: MessageHeader;
  body: T;
}

/** The id and time a sender stamps on a message (injected, so tests and replays are exact). */
export interface Stamp {
  id: string;
  sentAt: number;
}

/**
 * Thrown when an envelope cannot be created or read: a missing type, a malformed envelope, or
 * a message of another type than the receiver expected.
 *
 * @provided
 * @example
 * try {
 *   readEnvelope(envelope, 'chat.request');
 * } catch (error) {
 *   if (error instanceof EnvelopeError) console.error(error.message);
 * }
 */
export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/**
 * Wraps a body in an envelope whose header holds exactly `id`, `type` and `sentAt`.
 *
 * The body is not copied: the envelope holds the very object it was given, so wrapping costs
 * O(1) whatever the body's size.
 *
 * @param type - the message kind; must be a non-empty string (after trimming spaces).
 * @param body - the payload, any value (including `undefined`).
 * @param stamp - the message's `id` and `sentAt`, chosen by the caller.
 * @throws {EnvelopeError} when `type` is not a string or is empty, with a message of the shape
 *   ``Expected `type` to be a non-empty string, got "" (string)``.
 * @example
 * const envelope = createEnvelope('chat.request', { prompt: 'hello' }, { id: 'm-1', sentAt: 1700000000000 });
 * envelope.header; // { id: 'm-1', type: 'chat.request', sentAt: 1700000000000 }
 * envelope.body;   // { prompt: 'hello' }
 */
export function createEnvelope<T>(type: string, body: T, stamp: Stamp): Envelope<T> {
  // TODO: implement createEnvelope.
  throw new Error('TODO: implement createEnvelope');
}

/**
 * Returns the body of an envelope after checking that it is a well-formed envelope of the
 * expected type. Use it on anything that arrived from outside, such as parsed JSON.
 *
 * @param envelope - the received value; it may be anything, since it came over the wire.
 * @param expectedType - the message kind the receiver can handle.
 * @throws {EnvelopeError} when `envelope` is not an object with a `header` object whose `type`
 *   is a string (``Expected an envelope with a header, got …``), or when its type differs
 *   (``Expected a "chat.request" message, got "chat.response"``).
 * @example
 * const body = readEnvelope<{ prompt: string }>(JSON.parse(line), 'chat.request');
 * body.prompt; // 'hello'
 */
export function readEnvelope<T>(envelope: unknown, expectedType: string): T {
  // TODO: implement readEnvelope.
  throw new Error('TODO: implement readEnvelope');
}
