/** Options for {@link NdjsonDecoder}. */
export interface NdjsonDecoderOptions {
  /**
   * The longest line accepted, in UTF-8 bytes, not counting its `\n` or `\r\n` terminator.
   * Defaults to 1 MiB (1,048,576 bytes).
   */
  maxLineBytes?: number;
}

/**
 * What the decoder found on one line. `line` is the line's 1-based number in the whole stream,
 * counting every line, skipped empty ones included.
 */
export type NdjsonEvent =
  /** A line that held one JSON text: `value` is what `JSON.parse` returned. */
  | { kind: 'message'; line: number; value: unknown }
  /** A line that is not valid JSON. `text` is the line without its terminator; `reason` is the parser's message. */
  | { kind: 'invalid-json'; line: number; text: string; reason: string }
  /** A line longer than `maxLineBytes`; its content was dropped, not kept in memory. */
  | { kind: 'line-too-long'; line: number; limit: number };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Decodes newline-delimited JSON (NDJSON, the framing of MCP's stdio transport) from a stream
 * that arrives in arbitrary chunks. A chunk may end anywhere: in the middle of a line, of a JSON
 * string, or of a multi-byte UTF-8 character. The events are the same however the stream is cut.
 *
 * The rules, per line:
 * - a line ends at `\n`; a `\r` just before it belongs to the terminator (`\r\n` works too);
 * - an empty line (nothing before the terminator) is skipped silently, but still counted;
 * - a line that parses as JSON gives a `message` event; one that does not gives an
 *   `invalid-json` event, and decoding carries on with the next line;
 * - a line longer than `maxLineBytes` gives one `line-too-long` event when it ends, and its bytes
 *   are dropped as they arrive, so a runaway sender cannot make the decoder buffer without
 *   bound; decoding recovers at the next newline.
 *
 * Cost: O(size of the chunk) per `push`, however long the line being assembled is.
 *
 * @example
 * const decoder = new NdjsonDecoder();
 * decoder.push('{"jsonrpc":"2.0","me');        // []
 * decoder.push('thod":"ping"}\n{"id":');         // [{ kind: 'message', line: 1, value: { jsonrpc: '2.0', method: 'ping' } }]
 * decoder.push('2}');                          // []
 * decoder.end();                               // [{ kind: 'message', line: 2, value: { id: 2 } }]
 */
export class NdjsonDecoder {
  readonly #limit: number;
  readonly #encoder = new TextEncoder();
  readonly #decoder = new TextDecoder();
  // The bytes of the line being assembled, kept as the pieces that arrived: joining them only
  // once, when the line ends, keeps each push O(chunk) instead of O(line so far).
  #pieces: Uint8Array[] = [];
  #pending = 0;
  // Set once the current line has outgrown the limit: its bytes are being dropped.
  #overflow = false;
  #line = 0;

  /**
   * @param options - see {@link NdjsonDecoderOptions}.
   * @throws {RangeError} when `maxLineBytes` is not a positive integer.
   * @example
   * new NdjsonDecoder({ maxLineBytes: 64 * 1024 });
   */
  constructor(options: NdjsonDecoderOptions = {}) {
    const limit = options.maxLineBytes ?? 1_048_576;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`Expected \`maxLineBytes\` to be a positive integer, got \`${limit}\` (${typeof limit})`);
    }
    this.#limit = limit;
  }

  /**
   * Feeds the next chunk of the stream and returns the events of every line it completes, in
   * order (often none, sometimes several). A string chunk is encoded as UTF-8 first; it must hold
   * whole characters, which any string does unless it splits a surrogate pair.
   *
   * @example
   * decoder.push(new TextEncoder().encode('{"a":1}\n\n{"b":'));
   * // [{ kind: 'message', line: 1, value: { a: 1 } }]  (line 2 is empty and skipped)
   */
  push(chunk: string | Uint8Array): NdjsonEvent[] {
    const bytes = typeof chunk === 'string' ? this.#encoder.encode(chunk) : chunk;
    const events: NdjsonEvent[] = [];
    let start = 0;
    for (let newline = bytes.indexOf(NEWLINE); newline >= 0; newline = bytes.indexOf(NEWLINE, start)) {
      this.#append(bytes.subarray(start, newline));
      this.#finishLine(events);
      start = newline + 1;
    }
    this.#append(bytes.subarray(start));
    return events;
  }

  /**
   * Signals the end of the stream and returns the events of a last line that had no
   * terminator, if any. The decoder is then empty and could start a new stream.
   *
   * @example
   * decoder.push('{"last":true}'); // []
   * decoder.end();                 // [{ kind: 'message', line: 1, value: { last: true } }]
   */
  end(): NdjsonEvent[] {
    const events: NdjsonEvent[] = [];
    if (this.#pending > 0 || this.#overflow) this.#finishLine(events);
    return events;
  }

  #append(bytes: Uint8Array): void {
    if (this.#overflow || bytes.length === 0) return;
    // One byte of slack: a line of exactly `limit` bytes may still be followed by the `\r` of
    // its `\r\n`, and that `\r` is not part of the line.
    if (this.#pending + bytes.length > this.#limit + 1) {
      this.#overflow = true;
      this.#pieces = [];
      this.#pending = 0;
      return;
    }
    // Copy: the caller may reuse its buffer once push returns.
    this.#pieces.push(bytes.slice());
    this.#pending += bytes.length;
  }

  #finishLine(events: NdjsonEvent[]): void {
    this.#line++;
    const line = this.#line;
    const overflow = this.#overflow;
    const bytes = concat(this.#pieces, this.#pending);
    this.#pieces = [];
    this.#pending = 0;
    this.#overflow = false;
    if (overflow) {
      events.push({ kind: 'line-too-long', line, limit: this.#limit });
      return;
    }
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    if (end === 0) return;
    if (end > this.#limit) {
      events.push({ kind: 'line-too-long', line, limit: this.#limit });
      return;
    }
    const text = this.#decoder.decode(bytes.subarray(0, end));
    try {
      events.push({ kind: 'message', line, value: JSON.parse(text) as unknown });
    } catch (error) {
      events.push({ kind: 'invalid-json', line, text, reason: (error as Error).message });
    }
  }
}

function concat(pieces: Uint8Array[], total: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
