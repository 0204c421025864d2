/** Bug: readEnvelope checks the shape but never compares the type, so a response is read as a request. */
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

export function readEnvelope<T>(envelope: unknown, _expectedType: string): T {
  const value = envelope as { header?: { type?: unknown }; body: T } | null;
  if (typeof value !== 'object' || value === null || typeof value.header !== 'object' || value.header === null || typeof value.header.type !== 'string') {
    throw new EnvelopeError('Expected an envelope with a header');
  }
  return value.body;
}
