/** Bug: checks only that the type is truthy, so a type of spaces ("   ") slips through. */
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
  if (!type || typeof type !== 'string') {
    throw new EnvelopeError(`Expected \`type\` to be a non-empty string, got ${JSON.stringify(type)} (${typeof type})`);
  }
  return { header: { id: stamp.id, type, sentAt: stamp.sentAt }, body };
}

export function readEnvelope<T>(envelope: unknown, expectedType: string): T {
  const value = envelope as { header?: { type?: unknown }; body: T } | null;
  if (typeof value !== 'object' || value === null || typeof value.header !== 'object' || value.header === null || typeof value.header.type !== 'string') {
    throw new EnvelopeError('Expected an envelope with a header');
  }
  if (value.header.type !== expectedType) {
    throw new EnvelopeError(`Expected a ${JSON.stringify(expectedType)} message, got ${JSON.stringify(value.header.type)}`);
  }
  return value.body;
}
