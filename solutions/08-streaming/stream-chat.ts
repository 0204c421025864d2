import { SseParser, type SseEvent } from './sse-parser.ts';

/**
 * Options of {@link streamChat}.
 *
 * @example
 * const options: StreamChatOptions = { signal: AbortSignal.timeout(30_000), headers: { Authorization: `Bearer ${key}` } };
 */
export interface StreamChatOptions {
  /** Aborts the request, and the reading of its stream, at any point. */
  signal?: AbortSignal;
  /** Extra request headers, such as the API key. */
  headers?: Record<string, string>;
}

/**
 * The provider answered with an HTTP error status instead of a stream: 429 (rate limited), 401,
 * 500, 529 (overloaded)… `retryAfterMs` is the `Retry-After` header in milliseconds when there is
 * one, and `body` the response text (the provider's error JSON).
 *
 * @provided
 */
export class ChatHttpError extends Error {
  readonly status: number;
  readonly retryAfterMs: number | undefined;
  readonly body: string;

  constructor(status: number, retryAfterMs: number | undefined, body: string) {
    super(`The provider answered HTTP ${status}${retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`}: ${body.slice(0, 200)}`);
    this.name = 'ChatHttpError';
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.body = body;
  }
}

/**
 * The response is not the event stream that was asked for: another `Content-Type`, no body, or
 * an event whose data is not JSON.
 *
 * @provided
 */
export class ChatProtocolError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ChatProtocolError';
  }
}

/**
 * The stream stopped before its terminator (`data: [DONE]` for OpenAI, `message_stop` for
 * Anthropic): the connection closed or broke in the middle. The text yielded so far is not the
 * whole answer.
 *
 * @provided
 */
export class IncompleteStreamError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IncompleteStreamError';
  }
}

/**
 * The provider reported an error inside the stream, after it had begun: Anthropic's `error`
 * event (`overloaded_error`, …) or an OpenAI event carrying an `error` object.
 *
 * @provided
 */
export class ProviderError extends Error {
  /** The provider's error type, such as `overloaded_error`. */
  readonly type: string;

  constructor(type: string, message: string) {
    super(`The provider sent an error in the stream (${type}): ${message}`);
    this.name = 'ProviderError';
    this.type = type;
  }
}

/**
 * Sends a streaming chat request and yields the text deltas as they arrive: from an OpenAI Chat
 * Completions stream (`delta.content` of the choice with `index` 0, until `data: [DONE]`) or an
 * Anthropic Messages stream (`text_delta` of `content_block_delta`, until `message_stop`),
 * whichever the server sends. Other events (roles, usage, tool-call fragments, `ping`, other
 * choices) are skipped.
 *
 * The request is a `fetch` POST of `body` as JSON with `Accept: text/event-stream`. The response
 * must have a 2xx status and the `text/event-stream` content type; its body is read with
 * {@link SseParser}. Reading stops at the terminator, even if the server keeps the connection
 * open; a consumer that stops early (`break`) and an aborted `signal` close the connection, so the
 * server can stop generating.
 *
 * @throws ChatHttpError for a status that is not 2xx (with `Retry-After`, if sent).
 * @throws ChatProtocolError for another content type, no body, or event data that is not JSON (the
 *   parse error is then its `cause`).
 * @throws ProviderError for an error reported inside the stream: an `error` event, or an event whose
 *   data carries an `error` object. Its `type` is the provider's error type (`error` when it names
 *   none), its message the provider's (the event's data when there is none).
 * @throws IncompleteStreamError when the stream ends or breaks before its terminator (when the
 *   connection broke, the network error is its `cause`).
 * @throws the signal's abort reason (an `AbortError` by default) when `signal` aborts.
 * @example
 * for await (const text of streamChat('https://api.openai.com/v1/chat/completions', {
 *   model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hi' }],
 * }, { headers: { Authorization: `Bearer ${key}` } })) {
 *   process.stdout.write(text);
 * }
 */
export async function* streamChat(url: string | URL, body: unknown, options: StreamChatOptions = {}): AsyncGenerator<string, void, undefined> {
  const { signal } = options;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', ...options.headers },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    // Read the error body (it explains the error) and release the connection.
    const text = await response.text();
    throw new ChatHttpError(response.status, retryAfterMs(response.headers.get('retry-after')), text);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!/^text\/event-stream\s*(;|$)/i.test(type) || !response.body) {
    await response.body?.cancel();
    throw new ChatProtocolError(`Expected a text/event-stream response, got ${type === '' ? 'no Content-Type' : type}`);
  }
  const reader = response.body.getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw new IncompleteStreamError('The connection broke before the stream was complete', { cause: error });
      }
      if (chunk.done) break;
      for (const event of parser.push(chunk.value)) {
        const text = readEvent(event);
        if (text === DONE) return;
        if (text !== '') yield text;
      }
    }
    parser.end();
    throw new IncompleteStreamError('The stream ended before its terminator ([DONE] or message_stop): the answer is cut off');
  } finally {
    // Whether we stopped at the terminator, on an error, or because the consumer broke out of
    // its loop: closing the body closes the connection, which tells the server to stop.
    await reader.cancel().catch(() => undefined);
  }
}

const DONE = Symbol('done');

// The text an event adds ('' for none), or DONE at the stream's terminator.
function readEvent(event: SseEvent): string | typeof DONE {
  if (event.data === '[DONE]') return DONE;
  let json: { type?: string; error?: { type?: string; message?: string }; delta?: { type?: string; text?: string }; choices?: { index: number; delta?: { content?: string | null } }[] };
  try {
    json = JSON.parse(event.data) as typeof json;
  } catch (cause) {
    throw new ChatProtocolError(`An event's data is not JSON: ${event.data.slice(0, 100)}`, { cause });
  }
  if (event.type === 'error' || json.error) {
    throw new ProviderError(json.error?.type ?? 'error', json.error?.message ?? event.data);
  }
  if (json.type === 'message_stop') return DONE;
  // Anthropic: the text of a text_delta (only content_block_delta events carry one). OpenAI: the
  // content of choice 0 (with `n` > 1, chunks carry the other choices too).
  const text = json.delta?.type === 'text_delta' ? json.delta.text : json.choices?.find((choice) => choice.index === 0)?.delta?.content;
  return text ?? '';
}

// Retry-After is either a number of seconds or an HTTP date. The value may end in white space:
// fetch passes on what the server sent after the colon, less the leading blanks.
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
