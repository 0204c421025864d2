/**
 * Bug: lets JSON.parse throw out of push: one malformed line aborts the whole batch, and
 * the messages after it in the same chunk are lost.
 */
export interface NdjsonDecoderOptions {
  maxLineBytes?: number;
}

export type NdjsonEvent =
  | { kind: 'message'; line: number; value: unknown }
  | { kind: 'invalid-json'; line: number; text: string; reason: string }
  | { kind: 'line-too-long'; line: number; limit: number };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export class NdjsonDecoder {
  readonly #limit: number;
  readonly #encoder = new TextEncoder();
  readonly #decoder = new TextDecoder();
  #pieces: Uint8Array[] = [];
  #pending = 0;
  #overflow = false;
  #line = 0;

  constructor(options: NdjsonDecoderOptions = {}) {
    const limit = options.maxLineBytes ?? 1_048_576;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`Expected \`maxLineBytes\` to be a positive integer, got \`${limit}\` (${typeof limit})`);
    }
    this.#limit = limit;
  }

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

  end(): NdjsonEvent[] {
    const events: NdjsonEvent[] = [];
    if (this.#pending > 0 || this.#overflow) this.#finishLine(events);
    return events;
  }

  #append(bytes: Uint8Array): void {
    if (this.#overflow || bytes.length === 0) return;
    if (this.#pending + bytes.length > this.#limit + 1) {
      this.#overflow = true;
      this.#pieces = [];
      this.#pending = 0;
      return;
    }
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
    events.push({ kind: 'message', line, value: JSON.parse(text) as unknown });
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
