/**
 * Bug: appends every chunk to one string and searches it from the start for a newline on
 * each push. Correct, but a long line arriving in small chunks is re-scanned (and re-measured)
 * on every push: O(n²) for a line of n bytes.
 */
export interface NdjsonDecoderOptions {
  maxLineBytes?: number;
}

export type NdjsonEvent =
  | { kind: 'message'; line: number; value: unknown }
  | { kind: 'invalid-json'; line: number; text: string; reason: string }
  | { kind: 'line-too-long'; line: number; limit: number };

export class NdjsonDecoder {
  readonly #limit: number;
  readonly #decoder = new TextDecoder();
  #buffer = '';
  #line = 0;

  constructor(options: NdjsonDecoderOptions = {}) {
    this.#limit = options.maxLineBytes ?? 1_048_576;
  }

  push(chunk: string | Uint8Array): NdjsonEvent[] {
    this.#buffer += typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    const events: NdjsonEvent[] = [];
    let newline = this.#buffer.indexOf('\n');
    while (newline >= 0) {
      this.#finish(this.#buffer.slice(0, newline), events);
      this.#buffer = this.#buffer.slice(newline + 1);
      newline = this.#buffer.indexOf('\n');
    }
    return events;
  }

  end(): NdjsonEvent[] {
    this.#buffer += this.#decoder.decode();
    const events: NdjsonEvent[] = [];
    if (this.#buffer !== '') this.#finish(this.#buffer, events);
    this.#buffer = '';
    return events;
  }

  #finish(raw: string, events: NdjsonEvent[]): void {
    const line = ++this.#line;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (Buffer.byteLength(text) > this.#limit) {
      events.push({ kind: 'line-too-long', line, limit: this.#limit });
      return;
    }
    if (text === '') return;
    try {
      events.push({ kind: 'message', line, value: JSON.parse(text) as unknown });
    } catch (error) {
      events.push({ kind: 'invalid-json', line, text, reason: (error as Error).message });
    }
  }
}
