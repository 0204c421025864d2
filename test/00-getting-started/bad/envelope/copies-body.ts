/**
 * Bug: copies the body with JSON.parse(JSON.stringify(…)): wrapping costs O(size of the body),
 * the receiver gets a different object, and an undefined body disappears.
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
  const copy = body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as T);
  return JSON.parse(JSON.stringify({ header: { id: stamp.id, type, sentAt: stamp.sentAt }, body: copy })) as { header: Stamp & { type: string }; body: T };
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
