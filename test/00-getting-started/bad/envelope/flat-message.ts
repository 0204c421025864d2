/** Bug: no envelope at all: the header fields and the body sit side by side in one flat object. */
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
  return { id: stamp.id, type, sentAt: stamp.sentAt, body };
}

export function readEnvelope<T>(envelope: unknown, expectedType: string): T {
  const message = envelope as { type?: unknown; body: T } | null;
  if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
    throw new EnvelopeError('Expected an envelope with a header');
  }
  if (message.type !== expectedType) {
    throw new EnvelopeError(`Expected a ${JSON.stringify(expectedType)} message, got ${JSON.stringify(message.type)}`);
  }
  return message.body;
}
