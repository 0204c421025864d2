/**
 * Bug: resumes the search for `\r\n\r\n` exactly where the previous search stopped, so a
 * terminator that straddles two chunks (`...\r\n\r` then `\n{...`) is never found.
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
    const from = Math.max(this.#start, this.#scan);
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
