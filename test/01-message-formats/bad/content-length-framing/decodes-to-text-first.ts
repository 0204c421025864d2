/**
 * Bug: decodes each chunk to a string straight away and then counts Content-Length in
 * characters. Both are wrong for UTF-8: a character cut between chunks decodes to U+FFFD, and a
 * body with multi-byte characters is longer in bytes than in characters.
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

export function encodeFrame(body: string): Uint8Array {
  const content = new TextEncoder().encode(body);
  const header = new TextEncoder().encode(`Content-Length: ${content.length}\r\n\r\n`);
  const frame = new Uint8Array(header.length + content.length);
  frame.set(header, 0);
  frame.set(content, header.length);
  return frame;
}

export class FrameDecoder {
  readonly #maxHeader: number;
  readonly #maxBody: number;
  #text = '';
  #failure: FrameError | undefined;

  constructor(options: FrameDecoderOptions = {}) {
    this.#maxHeader = options.maxHeaderBytes ?? 8192;
    this.#maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  }

  push(chunk: Uint8Array): string[] {
    if (this.#failure) throw this.#failure;
    this.#text += new TextDecoder().decode(chunk);
    const bodies: string[] = [];
    try {
      for (;;) {
        const end = this.#text.indexOf('\r\n\r\n');
        if (end < 0) {
          if (this.#text.length > this.#maxHeader) throw new FrameError('the header part is too long');
          break;
        }
        const length = this.#contentLength(this.#text.slice(0, end));
        if (this.#text.length < end + 4 + length) break;
        bodies.push(this.#text.slice(end + 4, end + 4 + length));
        this.#text = this.#text.slice(end + 4 + length);
      }
    } catch (error) {
      if (error instanceof FrameError) this.#failure = error;
      throw error;
    }
    return bodies;
  }

  end(): void {
    if (this.#failure) throw this.#failure;
    if (this.#text !== '') throw (this.#failure = new FrameError('the stream ended in the middle of a frame'));
  }

  #contentLength(header: string): number {
    let length: number | undefined;
    for (const field of header.split('\r\n')) {
      const colon = field.indexOf(':');
      if (colon < 0) throw new FrameError(`a header field must look like "Name: value", got ${JSON.stringify(field)}`);
      if (field.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
      const value = field.slice(colon + 1).trim();
      if (!/^[0-9]+$/.test(value)) throw new FrameError(`Content-Length must be a decimal integer, got ${JSON.stringify(value)}`);
      length = Number(value);
      if (length > this.#maxBody) throw new FrameError(`Content-Length ${value} is above the limit`);
    }
    if (length === undefined) throw new FrameError('the header part has no Content-Length field');
    return length;
  }
}
