/**
 * The kinds of message an inference gateway exchanges with its workers. An envelope's `kind`
 * names one of them and decides which body shape follows.
 */
export type MessageKind = 'generate' | 'token' | 'done' | 'tool_call';

/**
 * The kinds, in the order error messages list them.
 *
 * @example
 * MESSAGE_KINDS.includes('token'); // true
 */
export const MESSAGE_KINDS: readonly MessageKind[] = ['generate', 'token', 'done', 'tool_call'];

/**
 * The one envelope version this parser understands; any other `header.version` is rejected.
 *
 * @example
 * const header = { id: 'm1', version: ENVELOPE_VERSION, sentAt: Date.now() };
 */
export const ENVELOPE_VERSION = 1;

/** Routing data every message carries, whatever its kind. */
export interface Header {
  /** A unique, non-empty id for this message. */
  id: string;
  /** Always {@link ENVELOPE_VERSION}. */
  version: 1;
  /** When the sender created the message, in milliseconds since the Unix epoch: an integer >= 0. */
  sentAt: number;
}

/** One turn of a conversation, as chat APIs send it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Asks a worker to generate a completion. */
export interface GenerateBody {
  model: string;
  messages: ChatMessage[];
  /** Optional; when present, an integer >= 1. */
  maxTokens?: number;
}

/** One streamed piece of a completion. */
export interface TokenBody {
  /** The `header.id` of the `generate` message this token answers. */
  requestId: string;
  /** The position of this token in the stream: an integer >= 0. */
  index: number;
  text: string;
}

/** The end of a completion stream. */
export interface DoneBody {
  requestId: string;
  finishReason: 'stop' | 'length' | 'cancelled';
}

/** The model asks the caller to run a tool. */
export interface ToolCallBody {
  /** The tool call's own id; the tool's result will quote it. */
  id: string;
  name: string;
  /** A JSON object (not an array, not null), passed through as received. */
  arguments: Record<string, unknown>;
}

/**
 * A validated message: its kind, a header, and the body its kind calls for. `kind` sits at the
 * top level because TypeScript narrows a union only on its own properties, not on nested ones:
 * after `if (envelope.kind === 'token')` it knows `envelope.body` is a {@link TokenBody}.
 */
export type Envelope =
  | { kind: 'generate'; header: Header; body: GenerateBody }
  | { kind: 'token'; header: Header; body: TokenBody }
  | { kind: 'done'; header: Header; body: DoneBody }
  | { kind: 'tool_call'; header: Header; body: ToolCallBody };

/**
 * Thrown by {@link parseEnvelope} for the first problem it finds. Every message has one shape:
 * `<path>: expected <expected>, got <actual>`, for example
 * `body.messages[1].role: expected one of "system", "user", "assistant", got "robot"`.
 *
 * @provided
 * @example
 * new EnvelopeError('body.id', 'string', 'number').message; // 'body.id: expected string, got number'
 */
export class EnvelopeError extends Error {
  /**
   * @param path - where the problem is: property names joined by `.`, array indexes in brackets
   *   (`body.messages[2].content`); the empty string for the input itself.
   * @param expected - what the schema wanted there.
   * @param actual - what was found: see {@link parseEnvelope} for the exact words.
   */
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${path === '' ? '(root)' : path}: expected ${expected}, got ${actual}`);
    this.name = 'EnvelopeError';
  }
}

/**
 * Checks that `input` (typically the result of `JSON.parse`) is a well-formed envelope, and
 * returns it as a typed {@link Envelope}. It never trusts the input: anything else throws an
 * {@link EnvelopeError} naming the first problem. It checks `kind`, then `header`, then `body`,
 * and the fields of each object in the order the interfaces above list them.
 *
 * The result is a fresh object holding only the fields the schema knows: unknown fields anywhere
 * are ignored and left out (a newer sender may add fields; an older receiver must not choke on
 * them), and an absent optional field stays absent. `arguments` is kept as received.
 *
 * The words in errors:
 * - `expected` is one of `object`, `array`, `string`, `non-empty string`, `integer >= 0`,
 *   `integer >= 1`, `1` (the version), or `one of "a", "b", …` (quoting the allowed strings in
 *   the order the types above list them).
 * - `actual` is the JSON type of what was found when the type is wrong: `string`, `number`,
 *   `boolean`, `null`, `array`, `object`, or `missing` for an absent field. When the type is
 *   right but the value is not allowed, it is the value itself: a string in JSON quotes
 *   (`"robot"`, `""`), a number as `String(n)` writes it (`1.5`, `-1`, `2`).
 *
 * Runs in time linear in the size of the input.
 *
 * @throws {EnvelopeError} when the input is not a valid envelope.
 * @example
 * const envelope = parseEnvelope(JSON.parse(line));
 * if (envelope.kind === 'token') process.stdout.write(envelope.body.text);
 * @example
 * parseEnvelope({ kind: 'tool_call', header: { id: 'm1', version: 1, sentAt: 0 },
 *                 body: { id: 7, name: 'search', arguments: {} } });
 * // throws EnvelopeError: 'body.id: expected string, got number'
 */
export function parseEnvelope(input: unknown): Envelope {
  const root = object(input, '');
  const kind = oneOf(root.kind, 'kind', MESSAGE_KINDS);
  const header = parseHeader(root.header);
  const body = object(root.body, 'body');
  // The kind, already checked, decides which schema the body must follow.
  switch (kind) {
    case 'generate':
      return { kind, header, body: parseGenerate(body) };
    case 'token':
      return { kind, header, body: parseToken(body) };
    case 'done':
      return { kind, header, body: parseDone(body) };
    case 'tool_call':
      return { kind, header, body: parseToolCall(body) };
  }
}

function parseHeader(value: unknown): Header {
  const header = object(value, 'header');
  const id = nonEmptyString(header.id, 'header.id');
  if (header.version !== ENVELOPE_VERSION) {
    // A number that is not 1 is a version this code does not know, reported by value.
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
  // `undefined` means absent; 0 is present (and invalid), so test for undefined, not truthiness.
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

// The JSON type of a value, in the words errors use. `typeof` alone says "object" for both null
// and arrays, which would make "got object" a lie.
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
  // JSON has no NaN or Infinity, but `unknown` input need not come from JSON.
  if (!Number.isSafeInteger(value) || value < min) throw new EnvelopeError(path, expected, String(value));
  return value;
}

function oneOf<const T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  const expected = `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
  if (typeof value !== 'string') throw new EnvelopeError(path, expected, describe(value));
  if (!(allowed as readonly string[]).includes(value)) throw new EnvelopeError(path, expected, JSON.stringify(value));
  return value as T;
}
