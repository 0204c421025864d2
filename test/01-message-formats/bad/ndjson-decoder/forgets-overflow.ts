/**
 * Bug: drops the buffered bytes when a line outgrows the limit but does not remember that the
 * line is still going: the tail of the long line is later parsed as a line of its own, and the
 * overflow is never reported.
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
  #parts: string[] = [];
  #bytes = 0;
  #overflow = false;
  #line = 0;

  constructor(options: NdjsonDecoderOptions = {}) {
    this.#limit = options.maxLineBytes ?? 1_048_576;
  }

  push(chunk: string | Uint8Array): NdjsonEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    const events: NdjsonEvent[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      this.#add(text.slice(start, newline));
      this.#finish(events);
      start = newline + 1;
    }
    this.#add(text.slice(start));
    return events;
  }

  end(): NdjsonEvent[] {
    const events: NdjsonEvent[] = [];
    const rest = this.#decoder.decode();
    if (rest) this.#add(rest);
    if (this.#parts.length > 0 || this.#overflow) this.#finish(events);
    return events;
  }

  #add(part: string): void {
    if (this.#overflow || part === '') return;
    this.#parts.push(part);
    this.#bytes += Buffer.byteLength(part);
    if (this.#bytes > this.#limit + 1) {
      this.#parts = [];
      this.#bytes = 0;
    }
  }

  #finish(events: NdjsonEvent[]): void {
    const line = ++this.#line;
    let text = this.#parts.join('');
    const overflow = this.#overflow;
    this.#parts = [];
    this.#bytes = 0;
    this.#overflow = false;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (overflow || Buffer.byteLength(text) > this.#limit) {
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
