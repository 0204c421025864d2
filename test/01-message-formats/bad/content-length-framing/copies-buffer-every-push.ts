/**
 * Bug: allocates a new buffer of exactly the right size and copies everything unread into it
 * on every push. Correct, but a large body arriving in small chunks is copied again and again:
 * O(n²) for a body of n bytes.
 */
export class FrameError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FrameError';
  }
}

export interface FrameDecoderOptions {
  maxHeaderBytes?: number;
  maxBodyBytes?: number;
}

const encoder = new TextEncoder();

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

export class FrameDecoder {
  readonly #maxHeader: number;
  readonly #maxBody: number;
  readonly #utf8 = new TextDecoder('utf-8', { fatal: true });
  #buffer = new Uint8Array(1024);
  #start = 0;
  #end = 0;
  #scan = 0;
  #bodyLength = -1;
  #failure: FrameError | undefined;

  constructor(options: FrameDecoderOptions = {}) {
    this.#maxHeader = options.maxHeaderBytes ?? 8192;
    this.#maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  }

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

  end(): void {
    if (this.#failure) throw this.#failure;
    if (this.#end > this.#start) {
      const need = this.#bodyLength < 0 ? 'the rest of a header' : `${this.#bodyLength - (this.#end - this.#start)} more body byte(s)`;
      this.#failure = new FrameError(`the stream ended in the middle of a frame: expected ${need}`);
      throw this.#failure;
    }
  }

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

  #append(chunk: Uint8Array): void {
    const unread = this.#end - this.#start;
    const next = new Uint8Array(unread + chunk.length);
    next.set(this.#buffer.subarray(this.#start, this.#end));
    next.set(chunk, unread);
    this.#buffer = next;
    this.#scan -= this.#start;
    this.#start = 0;
    this.#end = next.length;
  }
}
