/**
 * A compact, correct NDJSON decoder (strings in, a streaming TextDecoder for bytes): the base that
 * several known-bad decoders in `ndjson-decoder/` edit, so each of them is one small diff. It is not
 * itself a known-bad implementation (it lives outside the exercise's folder).
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
    const limit = options.maxLineBytes ?? 1_048_576;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Expected \`maxLineBytes\` to be a positive integer, got \`${limit}\``);
    this.#limit = limit;
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
      this.#overflow = true;
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
