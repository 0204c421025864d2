/**
 * Bug: readEnvelope trusts its input: `envelope.header.type` throws a TypeError on null or on an
 * object without a header, instead of an EnvelopeError the receiver can handle.
 */
export interface Stamp {
  id: string;
  sentAt: number;
}

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function createEnvelope<T>(type: string, body: T, stamp: Stamp) {
  if (typeof type !== 'string' || type.trim() === '') {
    throw new EnvelopeError(`Expected \`type\` to be a non-empty string, got ${JSON.stringify(type)} (${typeof type})`);
  }
  return { header: { id: stamp.id, type, sentAt: stamp.sentAt }, body };
}

export function readEnvelope<T>(envelope: unknown, expectedType: string): T {
  const value = envelope as { header: { type: string }; body: T };
  if (value.header.type !== expectedType) {
    throw new EnvelopeError(`Expected a ${JSON.stringify(expectedType)} message, got ${JSON.stringify(value.header.type)}`);
  }
  return value.body;
}
