// stub-hash: 4fc54512fe7fab13
// Exercise 08-streaming/stream-chat: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 08-streaming/stream-chat

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
  // TODO: implement streamChat.
  throw new Error('TODO: implement streamChat');
}
