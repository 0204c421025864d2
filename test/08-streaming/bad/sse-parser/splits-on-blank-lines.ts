/**
 * Bug: the parser many first versions are: cut the buffer at "\n\n", then split each event at
 * "\n". Streams that end lines with CR or CRLF never produce an event, a CR left in a value stays
 * there, and the last event ID is not tracked across events.
 */
export interface SseEvent {
  type: string;
  data: string;
  lastEventId: string;
}

export interface SseParserOptions {
  maxLineBytes?: number;
}

export class SseLineTooLongError extends RangeError {
  readonly limit: number;
  constructor(limit: number) {
    super(`An event-stream line grew past ${limit} bytes (maxLineBytes); the stream was abandoned`);
    this.name = 'SseLineTooLongError';
    this.limit = limit;
  }
}

export class SseParser {
  #decoder = new TextDecoder();
  #buffer = '';
  #retry: number | undefined;
  #lastEventId = '';
  readonly #maxLineBytes: number;

  constructor(options: SseParserOptions = {}) {
    const limit = options.maxLineBytes ?? 1024 * 1024;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`Expected \`maxLineBytes\` to be a positive integer, got ${limit}`);
    this.#maxLineBytes = limit;
  }

  push(chunk: string | Uint8Array): SseEvent[] {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) throw new TypeError('Expected `chunk` to be a string or a Uint8Array');
    this.#buffer += typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    const blocks = this.#buffer.split('\n\n');
    this.#buffer = blocks.pop()!;
    if (Buffer.byteLength(this.#buffer) > this.#maxLineBytes) throw new SseLineTooLongError(this.#maxLineBytes);
    const events: SseEvent[] = [];
    for (const block of blocks) {
      let type = 'message';
      const data: string[] = [];
      let id = '';
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(value);
        else if (field === 'event') type = value;
        else if (field === 'id') id = value;
        else if (field === 'retry' && /^\d+$/.test(value)) this.#retry = Number(value);
      }
      this.#lastEventId = id;
      if (data.length > 0) events.push({ type, data: data.join('\n'), lastEventId: id });
    }
    return events;
  }

  end(): SseEvent[] {
    this.#buffer = '';
    return [];
  }

  get lastEventId(): string {
    return this.#lastEventId;
  }

  get retry(): number | undefined {
    return this.#retry;
  }
}
