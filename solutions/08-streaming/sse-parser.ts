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

const SPACE = 0x20;
const COLON = 0x3a;
const LINE_FEED = 0x0a;
const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

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
  readonly #maxLineBytes: number;
  // ASCII chunks, which are most of an English stream, are decoded one-shot: several times faster
  // than a streaming decode. Every other chunk goes through the streaming decoder, which keeps a
  // character cut between chunks for the next one. ignoreBOM keeps a U+FEFF that happens to start
  // a later chunk: only the stream's first one is removed, by push.
  readonly #asciiDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // The streaming decoder may be holding part of a character, so the next chunk must go to it too.
  #decoderHolds = false;
  // A string chunk that ended halfway through a surrogate pair: its high surrogate waits here.
  #highSurrogate = '';
  // No character of the stream has been seen yet, so a byte order mark may still come.
  #atStart = true;
  // The last chunk ended with CR: an LF at the start of the next one belongs to that line break.
  #afterCR = false;
  // The line that earlier chunks left unfinished, in pieces joined once it is complete, and its
  // length in bytes of UTF-8: a bound (3 bytes per UTF-16 code unit at most) while that is within
  // the limit, else the exact count.
  #pending: string[] = [];
  #pendingBytes = 0;
  #pendingExact = false;
  // The data buffer: undefined until the event has a data line (so "data:" alone gives "").
  #data: string | undefined = undefined;
  #type = '';
  #idBuffer = '';
  #lastEventId = '';
  #retry: number | undefined = undefined;
  #failure: SseLineTooLongError | undefined = undefined;
  // Where the events of the current push go.
  #events: SseEvent[] = [];

  /**
   * @param options - `maxLineBytes` (default 1 MiB).
   * @throws RangeError when `maxLineBytes` is not a positive integer.
   * @example
   * new SseParser();                          // lines of up to 1 MiB
   * new SseParser({ maxLineBytes: 0 });       // RangeError
   */
  constructor(options: SseParserOptions = {}) {
    const limit = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new RangeError(`Expected \`maxLineBytes\` to be a positive integer, got ${String(limit)} (${typeof limit})`);
    }
    this.#maxLineBytes = limit;
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
    if (this.#failure) throw this.#failure;
    let text: string;
    if (typeof chunk === 'string') text = this.#joinSurrogates(chunk);
    else if (chunk instanceof Uint8Array) text = this.#decode(chunk);
    else throw new TypeError(`Expected \`chunk\` to be a string or a Uint8Array, got ${String(chunk)} (${typeof chunk})`);
    const events: SseEvent[] = [];
    this.#events = events;
    if (this.#atStart) {
      if (text === '') return events;
      this.#atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#parse(text);
    return events;
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
    this.#failure = undefined;
    this.#decoder.decode(); // forget a character the stream cut off
    this.#decoderHolds = false;
    this.#highSurrogate = '';
    this.#atStart = true;
    this.#afterCR = false;
    this.#clearPending();
    this.#data = undefined;
    this.#type = '';
    this.#idBuffer = this.#lastEventId;
    return [];
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
    return this.#lastEventId;
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
    return this.#retry;
  }

  #decode(chunk: Uint8Array): string {
    if (!this.#decoderHolds && isAscii(chunk)) return this.#asciiDecoder.decode(chunk);
    // A character cut off at the end of the chunk starts within its last three bytes. Shorter
    // chunks are assumed to leave one: sending one more chunk to the streaming decoder is harmless.
    this.#decoderHolds = chunk.length < 3 || cutCharacterLength(chunk) > 0;
    return this.#decoder.decode(chunk, { stream: true });
  }

  // A surrogate pair cut between two string chunks must be kept whole, not read as two halves.
  #joinSurrogates(chunk: string): string {
    let text = this.#highSurrogate + chunk;
    this.#highSurrogate = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.#highSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    return text;
  }

  #parse(text: string): void {
    const n = text.length;
    let start = 0;
    if (this.#afterCR && n > 0) {
      this.#afterCR = false;
      if (text.charCodeAt(0) === LINE_FEED) start = 1;
    }
    // The next LF and CR at or after `start`, found by native searches and reused until passed,
    // so each character is searched once; -1 when the text has no more. Most streams end lines
    // with LF alone, and then the CR search runs once per chunk.
    let lf = text.indexOf('\n', start);
    let cr = text.indexOf('\r', start);
    for (;;) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) break;
      if (this.#pending.length === 0) {
        this.#checkLength(text, start, end);
        this.#processLine(text, start, end);
      } else {
        const head = text.slice(start, end);
        this.#addPending(head);
        this.#pending.push(head);
        const line = this.#pending.join('');
        this.#clearPending();
        this.#processLine(line, 0, line.length);
      }
      if (end !== cr) {
        start = end + 1;
      } else if (end + 1 < n) {
        start = text.charCodeAt(end + 1) === LINE_FEED ? end + 2 : end + 1;
      } else {
        this.#afterCR = true;
        start = n;
      }
    }
    if (start < n) {
      // The unfinished last line waits for the next chunk; only its own text is kept, so the
      // next chunk is searched from its start, never the pending line again.
      const tail = start === 0 ? text : text.slice(start);
      this.#addPending(tail);
      this.#pending.push(tail);
    }
  }

  // A UTF-16 code unit is 1 to 3 bytes of UTF-8: the bytes are counted only when that matters.
  #checkLength(text: string, start: number, end: number): void {
    const length = end - start;
    if (length * 3 <= this.#maxLineBytes) return;
    if (length > this.#maxLineBytes || Buffer.byteLength(text.slice(start, end)) > this.#maxLineBytes) this.#fail();
  }

  // Counts a piece before it joins the pending line. The exact count costs a pass over the text,
  // so it starts only once the bound could pass the limit, and from then on covers new pieces only.
  #addPending(piece: string): void {
    if (this.#pendingExact) {
      this.#pendingBytes += Buffer.byteLength(piece);
    } else {
      this.#pendingBytes += piece.length * 3;
      if (this.#pendingBytes > this.#maxLineBytes) {
        this.#pendingBytes = this.#pending.reduce((bytes, p) => bytes + Buffer.byteLength(p), Buffer.byteLength(piece));
        this.#pendingExact = true;
      }
    }
    if (this.#pendingBytes > this.#maxLineBytes) this.#fail();
  }

  #clearPending(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#pendingExact = false;
  }

  #fail(): never {
    this.#failure = new SseLineTooLongError(this.#maxLineBytes);
    this.#clearPending();
    throw this.#failure;
  }

  // One complete line without its line break: characters `start` to `end` of `text`.
  #processLine(text: string, start: number, end: number): void {
    if (start === end) {
      this.#dispatch();
      return;
    }
    if (text.charCodeAt(start) === COLON) return; // a comment
    // Nearly every line of a model's token stream is a data line: recognise it without a search.
    if (end - start >= 5 && text.startsWith('data:', start)) {
      this.#appendData(this.#value(text, start + 5, end));
      return;
    }
    let colon = start;
    while (colon < end && text.charCodeAt(colon) !== COLON) colon++;
    const value = colon < end ? this.#value(text, colon + 1, end) : '';
    // Field names are case-sensitive: `Data` is not `data`.
    switch (text.slice(start, colon)) {
      case 'data':
        this.#appendData(value);
        break;
      case 'event':
        this.#type = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#idBuffer = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.#retry = Number(value);
        break;
      default:
      // Any other field is ignored.
    }
  }

  // A field's value: the text after its colon, less one leading space.
  #value(text: string, start: number, end: number): string {
    return text.slice(start < end && text.charCodeAt(start) === SPACE ? start + 1 : start, end);
  }

  #appendData(value: string): void {
    this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
  }

  #dispatch(): void {
    // The last event ID is updated on every blank line, even when there is no event to dispatch.
    this.#lastEventId = this.#idBuffer;
    const data = this.#data;
    this.#data = undefined;
    const type = this.#type;
    this.#type = '';
    if (data === undefined) return;
    this.#events.push({ type: type === '' ? 'message' : type, data, lastEventId: this.#lastEventId });
  }
}

// How many bytes at the end of `bytes` begin a UTF-8 character that is not complete yet: the
// lead byte within the last three says how long its character is. 0 when nothing is cut off.
function cutCharacterLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const byte = bytes[i]!;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return n - i < length ? n - i : 0;
    }
  }
  return 0;
}
