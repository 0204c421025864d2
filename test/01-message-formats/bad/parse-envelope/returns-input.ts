/**
 * Bug: validates every field, then returns the input object itself: unknown fields (and any
 * later mutation by the sender's side) travel on into the typed world.
 */
export type MessageKind = 'generate' | 'token' | 'done' | 'tool_call';

export const MESSAGE_KINDS: readonly MessageKind[] = ['generate', 'token', 'done', 'tool_call'];

export const ENVELOPE_VERSION = 1;

export interface Header {
  id: string;
  version: 1;
  sentAt: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateBody {
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
}

export interface TokenBody {
  requestId: string;
  index: number;
  text: string;
}

export interface DoneBody {
  requestId: string;
  finishReason: 'stop' | 'length' | 'cancelled';
}

export interface ToolCallBody {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export type Envelope =
  | { kind: 'generate'; header: Header; body: GenerateBody }
  | { kind: 'token'; header: Header; body: TokenBody }
  | { kind: 'done'; header: Header; body: DoneBody }
  | { kind: 'tool_call'; header: Header; body: ToolCallBody };

export class EnvelopeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${path === '' ? '(root)' : path}: expected ${expected}, got ${actual}`);
    this.name = 'EnvelopeError';
  }
}

export function parseEnvelope(input: unknown): Envelope {
  const root = object(input, '');
  const kind = oneOf(root.kind, 'kind', MESSAGE_KINDS);
  const header = parseHeader(root.header);
  const body = object(root.body, 'body');
  if (kind === 'generate') parseGenerate(body);
  else if (kind === 'token') parseToken(body);
  else if (kind === 'done') parseDone(body);
  else parseToolCall(body);
  void header;
  return input as Envelope;
}

function parseHeader(value: unknown): Header {
  const header = object(value, 'header');
  const id = nonEmptyString(header.id, 'header.id');
  if (header.version !== ENVELOPE_VERSION) {
    throw new EnvelopeError('header.version', String(ENVELOPE_VERSION), describe(header.version, true));
  }
  const sentAt = integer(header.sentAt, 'header.sentAt', 0);
  return { id, version: ENVELOPE_VERSION, sentAt };
}

function parseGenerate(body: Record<string, unknown>): GenerateBody {
  const model = nonEmptyString(body.model, 'body.model');
  if (!Array.isArray(body.messages)) throw new EnvelopeError('body.messages', 'array', describe(body.messages));
  const messages = body.messages.map((item: unknown, i: number): ChatMessage => {
    const path = `body.messages[${i}]`;
    const message = object(item, path);
    return {
      role: oneOf(message.role, `${path}.role`, ['system', 'user', 'assistant'] as const),
      content: string(message.content, `${path}.content`),
    };
  });
  const result: GenerateBody = { model, messages };
  if (body.maxTokens !== undefined) result.maxTokens = integer(body.maxTokens, 'body.maxTokens', 1);
  return result;
}

function parseToken(body: Record<string, unknown>): TokenBody {
  return {
    requestId: nonEmptyString(body.requestId, 'body.requestId'),
    index: integer(body.index, 'body.index', 0),
    text: string(body.text, 'body.text'),
  };
}

function parseDone(body: Record<string, unknown>): DoneBody {
  return {
    requestId: nonEmptyString(body.requestId, 'body.requestId'),
    finishReason: oneOf(body.finishReason, 'body.finishReason', ['stop', 'length', 'cancelled'] as const),
  };
}

function parseToolCall(body: Record<string, unknown>): ToolCallBody {
  return {
    id: nonEmptyString(body.id, 'body.id'),
    name: nonEmptyString(body.name, 'body.name'),
    arguments: object(body.arguments, 'body.arguments'),
  };
}

function describe(value: unknown, withValue = false): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (withValue && typeof value === 'number') return String(value);
  return typeof value;
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EnvelopeError(path, 'object', describe(value));
  }
  return value as Record<string, unknown>;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new EnvelopeError(path, 'string', describe(value));
  return value;
}

function nonEmptyString(value: unknown, path: string): string {
  const text = string(value, path);
  if (text === '') throw new EnvelopeError(path, 'non-empty string', '""');
  return text;
}

function integer(value: unknown, path: string, min: number): number {
  const expected = `integer >= ${min}`;
  if (typeof value !== 'number') throw new EnvelopeError(path, expected, describe(value));
  if (!Number.isSafeInteger(value) || value < min) throw new EnvelopeError(path, expected, String(value));
  return value;
}

function oneOf<const T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  const expected = `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
  if (typeof value !== 'string') throw new EnvelopeError(path, expected, describe(value));
  if (!(allowed as readonly string[]).includes(value)) throw new EnvelopeError(path, expected, JSON.stringify(value));
  return value as T;
}
