// stub-hash: 4c68ae80ee81c2fc
// Exercise 08-streaming/sse-parser: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 08-streaming/sse-parser

import { isAscii } from 'node:buffer';

/**
 * One event of a `text/event-stream`, as the WHATWG HTML standard's "interpret an event stream"
 * algorithm dispatches it.
 *
 * @example
 * // The bytes `event: delta\ndata: {"text":"Hel"}\nid: 7\n\n` give:
 * const event: SseEvent = { type: 'delta', data: '{"text":"Hel"}', lastEventId: '7' };
 */
export interface SseEvent {
  /** The `event:` field of the event, or `"message"` when it had none (or an empty one). */
  type: string;
  /** The event's `data:` lines joined with `"\n"`. */
  data: string;
  /** The last event ID of the stream when the event was dispatched (it persists across events). */
  lastEventId: string;
}

/**
 * Options of an {@link SseParser}.
 *
 * @example
 * new SseParser({ maxLineBytes: 64 * 1024 });
 */
export interface SseParserOptions {
  /**
   * The longest line, in bytes of UTF-8 without its line break, that the parser accepts before
   * it gives up on the stream with {@link SseLineTooLongError}. A positive integer; 1 MiB
   * (1,048,576) by default.
   */
  maxLineBytes?: number;
}

/**
 * Thrown by {@link SseParser.push} when one line of the stream grows past `maxLineBytes`: a
 * server (or something pretending to be one) that never ends its line cannot make the client
 * buffer without bound. The stream is abandoned: later pushes throw this error again until
 * {@link SseParser.end} starts a new stream.
 *
 * @provided
 */
export class SseLineTooLongError extends RangeError {
  /** The `maxLineBytes` limit that the line exceeded. */
  readonly limit: number;

  constructor(limit: number) {
    super(`An event-stream line grew past ${limit} bytes (maxLineBytes); the stream was abandoned`);
    this.name = 'SseLineTooLongError';
    this.limit = limit;
  }
}

/**
 * A streaming parser for Server-Sent Events (`text/event-stream`), exactly as the WHATWG HTML
 * standard defines it ("Parsing an event stream" and "Interpreting an event stream"), for bytes
 * that arrive in chunks cut anywhere.
 *
 * - Lines end with CRLF, LF or CR, and a line break may be split across two chunks.
 * - The stream is UTF-8; a character may be split across chunks; one leading byte order mark
 *   (U+FEFF) at the very start of the stream is removed.
 * - A line starting with `:` is a comment. Otherwise the field name is the text before the first
 *   colon (case-sensitive) and the value the text after it, less one leading space.
 * - `data` lines are joined with `"\n"`; `event` sets the type (`"message"` when unset); `id` sets
 *   the last event ID, which persists across events (an empty `id` resets it; one containing
 *   U+0000 is ignored); `retry` sets the reconnection time only when it is all ASCII digits.
 * - A blank line dispatches the event. An event without data is not dispatched, but its `id` still
 *   counts; an unterminated event at the end of the stream is dropped.
 *
 * Each byte is examined a constant number of times, so parsing is O(n) in the input however it
 * is cut, one huge line in tiny chunks included.
 *
 * @example
 * const parser = new SseParser();
 * parser.push('data: Hel');            // []
 * parser.push('lo\nid: 1\n\n');        // [{ type: 'message', data: 'Hello', lastEventId: '1' }]
 * parser.lastEventId;                  // '1'
 * parser.end();                        // [] (nothing was pending)
 */
export class SseParser {
  /**
   * @param options - `maxLineBytes` (default 1 MiB).
   * @throws RangeError when `maxLineBytes` is not a positive integer.
   * @example
   * new SseParser();                          // lines of up to 1 MiB
   * new SseParser({ maxLineBytes: 0 });       // RangeError
   */
  constructor(options: SseParserOptions = {}) {
    // TODO: implement SseParser.constructor.
    throw new Error('TODO: implement SseParser.constructor');
  }

  /**
   * Feeds the next chunk of the stream: bytes as they came off the network, or text that was
   * already decoded. Returns the events this chunk completes, in stream order (often none).
   *
   * @throws SseLineTooLongError when a line grows past `maxLineBytes`; events completed earlier
   *   in the same chunk are not returned, and the stream is abandoned.
   * @throws TypeError when the chunk is neither a string nor a Uint8Array.
   * @example
   * parser.push(new TextEncoder().encode('data: 1\n\ndata: 2\n\n')); // two events
   */
  push(chunk: string | Uint8Array): SseEvent[] {
    // TODO: implement SseParser.push.
    throw new Error('TODO: implement SseParser.push');
  }

  /**
   * Ends the stream (the connection closed). Under the WHATWG rules the end of a stream never
   * completes an event: an unterminated line and event are discarded, so this returns an empty
   * array. The parser is then ready for the next connection of the same event source:
   * `lastEventId` and `retry` are kept, everything else (including a failure) starts afresh.
   *
   * @example
   * parser.push('data: cut off mid-ev');
   * parser.end(); // [] (the incomplete event is dropped)
   */
  end(): SseEvent[] {
    // TODO: implement SseParser.end.
    throw new Error('TODO: implement SseParser.end');
  }

  /**
   * The stream's last event ID: the `id` in force when the latest event (or blank line) was
   * dispatched, `""` at first. This is what a reconnecting client sends as `Last-Event-ID`.
   *
   * @example
   * parser.push('id: 41\ndata: x\n\n');
   * parser.lastEventId; // '41'
   */
  get lastEventId(): string {
    // TODO: implement SseParser.lastEventId.
    throw new Error('TODO: implement SseParser.lastEventId');
  }

  /**
   * The reconnection time in milliseconds from the last valid `retry:` field, or `undefined` if
   * the stream has sent none.
   *
   * @example
   * parser.push('retry: 3000\n');
   * parser.retry; // 3000
   */
  get retry(): number | undefined {
    // TODO: implement SseParser.retry.
    throw new Error('TODO: implement SseParser.retry');
  }
}
