/**
 * Thrown when a byte stream does not follow `Content-Length` framing. Content-Length framing has
 * no way to find the next message after a bad header, so a decoder that threw one stays failed.
 *
 * @provided
 * @example
 * new FrameError('the header has no Content-Length field').message;
 */
export class FrameError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FrameError';
  }
}

/** Options for {@link FrameDecoder}. */
export interface FrameDecoderOptions {
  /** The largest header part accepted, in bytes, including its final `\r\n\r\n`. Defaults to 8192. */
  maxHeaderBytes?: number;
  /** The largest `Content-Length` accepted, in bytes. Defaults to 16 MiB (16,777,216). */
  maxBodyBytes?: number;
}

const encoder = new TextEncoder();

/**
 * Frames one message the way the Language Server Protocol's base protocol does: an ASCII header
 * part, `Content-Length: <N>\r\n\r\n`, followed by the body encoded as UTF-8, where N is the
 * number of **bytes** of the body (not its number of characters). No other header is written.
 *
 * @param body - the message text, usually a JSON-RPC message from `JSON.stringify`.
 * @example
 * new TextDecoder().decode(encodeFrame('{"a":"é"}'));
 * // 'Content-Length: 10\r\n\r\n{"a":"é"}'   (é takes two bytes in UTF-8)
 */
export function encodeFrame(body: string): Uint8Array {
  const content = encoder.encode(body);
  const header = encoder.encode(`Content-Length: ${content.length}\r\n\r\n`);
  const frame = new Uint8Array(header.length + content.length);
  frame.set(header, 0);
  frame.set(content, header.length);
  return frame;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Splits a byte stream of `Content-Length` frames back into message bodies. The stream arrives
 * in chunks cut anywhere: inside the header, between `\r` and `\n`, inside the body, or in the
 * middle of a multi-byte character; one chunk may also hold several frames.
 *
 * The header part is a series of `Name: value\r\n` fields ended by an empty line (so the part
 * ends with `\r\n\r\n`). Field names are matched case-insensitively and spaces around values are
 * ignored. `Content-Length` is required and must be a plain decimal integer (`0`, `42`; not
 * `-1`, `4.2`, `42abc` or empty); other fields such as `Content-Type` are accepted and ignored.
 * The body is exactly that many bytes and must be valid UTF-8.
 *
 * Throws {@link FrameError} (and stays failed: every later call throws it again) when a header
 * field has no `:`, `Content-Length` is missing or malformed or above `maxBodyBytes`, the header
 * part grows past `maxHeaderBytes` without ending, or a body is not valid UTF-8.
 *
 * Cost: O(size of the chunk) amortized per `push`.
 *
 * @example
 * const decoder = new FrameDecoder();
 * const frame = encodeFrame('{"jsonrpc":"2.0","method":"initialized"}');
 * decoder.push(frame.subarray(0, 5));  // []
 * decoder.push(frame.subarray(5));     // ['{"jsonrpc":"2.0","method":"initialized"}']
 * decoder.end();                       // fine: nothing was left half-received
 */
export class FrameDecoder {
  readonly #maxHeader: number;
  readonly #maxBody: number;
  readonly #utf8 = new TextDecoder('utf-8', { fatal: true });
  // Received bytes not yet consumed are `#buffer[#start .. #end)`.
  #buffer = new Uint8Array(1024);
  #start = 0;
  #end = 0;
  // Where the search for `\r\n\r\n` resumes, so a header trickling in byte by byte is scanned once.
  #scan = 0;
  // The body length of the frame whose header has been read, or -1 while reading a header.
  #bodyLength = -1;
  #failure: FrameError | undefined;

  /**
   * @param options - see {@link FrameDecoderOptions}.
   * @example
   * new FrameDecoder({ maxBodyBytes: 1024 * 1024 });
   */
  constructor(options: FrameDecoderOptions = {}) {
    this.#maxHeader = options.maxHeaderBytes ?? 8192;
    this.#maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  }

  /**
   * Feeds the next chunk and returns the bodies of every frame it completes, in order.
   *
   * @throws {FrameError} as described on the class.
   * @example
   * const two = new Uint8Array([...encodeFrame('{"id":1}'), ...encodeFrame('{"id":2}')]);
   * decoder.push(two); // ['{"id":1}', '{"id":2}']
   */
  push(chunk: Uint8Array): string[] {
    if (this.#failure) throw this.#failure;
    this.#append(chunk);
    const bodies: string[] = [];
    try {
      for (;;) {
        if (this.#bodyLength < 0 && !this.#readHeader()) break;
        if (this.#end - this.#start < this.#bodyLength) break;
        const body = this.#buffer.subarray(this.#start, this.#start + this.#bodyLength);
        bodies.push(this.#decode(body));
        this.#start += this.#bodyLength;
        this.#scan = this.#start;
        this.#bodyLength = -1;
      }
    } catch (error) {
      if (error instanceof FrameError) this.#failure = error;
      throw error;
    }
    return bodies;
  }

  /**
   * Signals the end of the stream.
   *
   * @throws {FrameError} when the stream stopped in the middle of a frame (a truncated message),
   *   or when the decoder had already failed.
   * @example
   * decoder.push(new TextEncoder().encode('Content-Length: 10\r\n\r\n{"id"'));
   * decoder.end(); // throws FrameError: the last frame is incomplete
   */
  end(): void {
    if (this.#failure) throw this.#failure;
    if (this.#end > this.#start) {
      const need = this.#bodyLength < 0 ? 'the rest of a header' : `${this.#bodyLength - (this.#end - this.#start)} more body byte(s)`;
      this.#failure = new FrameError(`the stream ended in the middle of a frame: expected ${need}`);
      throw this.#failure;
    }
  }

  // Parses the header part once it is complete; returns false while it is still arriving.
  #readHeader(): boolean {
    const from = Math.max(this.#start, this.#scan - 3);
    let terminator = -1;
    for (let i = from; i + 3 < this.#end; i++) {
      if (this.#buffer[i] === CR && this.#buffer[i + 1] === LF && this.#buffer[i + 2] === CR && this.#buffer[i + 3] === LF) {
        terminator = i;
        break;
      }
    }
    if (terminator < 0) {
      this.#scan = this.#end;
      if (this.#end - this.#start > this.#maxHeader) {
        throw new FrameError(`the header part is longer than ${this.#maxHeader} bytes and has not ended with \\r\\n\\r\\n`);
      }
      return false;
    }
    if (terminator + 4 - this.#start > this.#maxHeader) {
      throw new FrameError(`the header part is longer than ${this.#maxHeader} bytes`);
    }
    // The header part is ASCII, so decoding it as latin1 maps each byte to one character.
    const header = new TextDecoder('latin1').decode(this.#buffer.subarray(this.#start, terminator));
    this.#bodyLength = this.#parseHeader(header);
    this.#start = terminator + 4;
    return true;
  }

  #parseHeader(header: string): number {
    let length: number | undefined;
    for (const field of header.split('\r\n')) {
      const colon = field.indexOf(':');
      if (colon < 0) throw new FrameError(`a header field must look like "Name: value", got ${JSON.stringify(field)}`);
      if (field.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
      const value = field.slice(colon + 1).trim();
      // parseInt('42abc') is 42 and Number('') is 0: accept digits only, and nothing else.
      if (!/^[0-9]+$/.test(value)) throw new FrameError(`Content-Length must be a decimal integer, got ${JSON.stringify(value)}`);
      length = Number(value);
      if (length > this.#maxBody) throw new FrameError(`Content-Length ${value} is above the limit of ${this.#maxBody} bytes`);
    }
    if (length === undefined) throw new FrameError('the header part has no Content-Length field');
    return length;
  }

  #decode(body: Uint8Array): string {
    try {
      return this.#utf8.decode(body);
    } catch (error) {
      throw new FrameError('a frame body is not valid UTF-8', { cause: error });
    }
  }

  // Appends a chunk. When it does not fit behind the unread bytes, those slide to the front if
  // they fill at most half the buffer, or move to one at least twice as large: either way the
  // copying is paid for by the bytes appended since, so each byte is copied O(1) times on average.
  #append(chunk: Uint8Array): void {
    if (this.#end + chunk.length > this.#buffer.length) {
      const unread = this.#end - this.#start;
      if (unread + chunk.length <= this.#buffer.length / 2) {
        this.#buffer.copyWithin(0, this.#start, this.#end);
      } else {
        let capacity = this.#buffer.length * 2;
        while (capacity < 2 * (unread + chunk.length)) capacity *= 2;
        const next = new Uint8Array(capacity);
        next.set(this.#buffer.subarray(this.#start, this.#end));
        this.#buffer = next;
      }
      this.#scan -= this.#start;
      this.#end = unread;
      this.#start = 0;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
  }
}
