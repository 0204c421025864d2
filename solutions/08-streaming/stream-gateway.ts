import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * Where tokens come from: called once per generation with a signal that aborts when no client is
 * listening any more. It should stop generating (cancel its model request) when the signal
 * aborts; the gateway stops reading from it either way.
 *
 * @example
 * const upstream: TokenSource = async function* (signal) {
 *   for (const token of ['Hel', 'lo']) {
 *     if (signal.aborted) return;
 *     yield token;
 *   }
 * };
 */
export type TokenSource = (signal: AbortSignal) => AsyncIterable<string>;

/**
 * Options of {@link createStreamGateway}.
 *
 * @example
 * createStreamGateway({ upstream, heartbeatMs: 15_000, replay: 256 });
 */
export interface StreamGatewayOptions {
  /** Produces the tokens of one generation. */
  upstream: TokenSource;
  /** After this many milliseconds without a write to a client, it gets a comment line. A positive integer. */
  heartbeatMs: number;
  /** How many of the latest events of each stream are kept for clients that reconnect. A positive integer. */
  replay: number;
  /** How many streams that have ended stay resumable (the oldest is forgotten first). Default 100. */
  keepFinished?: number;
}

/**
 * An HTTP server that streams generations to clients as Server-Sent Events.
 *
 * `GET /stream` starts a generation: the gateway reads tokens from `upstream` and sends each as
 * an event `id: <stream>-<n>` with `data: {"text": <token>}`; the end of the generation is an
 * event `done` (data `{}`), an upstream failure an event `error` (data `{"message": …}`). Each
 * event ID names its stream (a random UUID) and the event's number in it. The response's headers
 * tell browsers and proxies neither to cache nor to buffer it (`Cache-Control: no-cache`,
 * `X-Accel-Buffering: no`).
 *
 * - Backpressure: when `res.write()` returns false the gateway waits for `'drain'` before it
 *   reads the next token, so a slow client never makes it hold more than one event beyond the
 *   response's highWaterMark (16 KiB by default).
 * - Heartbeat: a client that got no bytes for `heartbeatMs` gets a comment line, `: heartbeat`.
 * - Cancellation: when the last client of a running generation disconnects, the upstream's
 *   signal is aborted and the gateway reads no further token from it.
 * - Resumption: `GET /stream` with a `Last-Event-ID` header replays the events of that stream
 *   after that ID from the last `replay` events kept, then continues live (or ends, if the stream
 *   has). An empty `Last-Event-ID` counts as none. A resume point older than what is kept gets an
 *   `error` event saying which events are lost, instead of silently skipping text; an ID the
 *   gateway never sent or no longer keeps gets an `error` event that names it; a stream
 *   that has ended with nothing left to send gets 204 No Content, which tells a browser's
 *   `EventSource` to stop reconnecting.
 *
 * Other paths get 404, other methods on `/stream` 405. Call `listen()` on the result yourself.
 *
 * @throws RangeError when `heartbeatMs`, `replay` or `keepFinished` is not a positive integer.
 * @throws TypeError when `upstream` is not a function.
 * @example
 * const server = createStreamGateway({ upstream, heartbeatMs: 15_000, replay: 256 });
 * server.listen(8080);
 * // curl -N http://127.0.0.1:8080/stream
 * // id: 0b6f…-1
 * // data: {"text":"Hel"}
 */
export function createStreamGateway(options: StreamGatewayOptions): Server {
  const { upstream, heartbeatMs, replay, keepFinished = 100 } = options;
  if (typeof upstream !== 'function') throw new TypeError(`Expected \`upstream\` to be a function, got ${String(upstream)} (${typeof upstream})`);
  positiveInteger('heartbeatMs', heartbeatMs);
  positiveInteger('replay', replay);
  positiveInteger('keepFinished', keepFinished);

  const streams = new Map<string, Stream>();
  // Ended streams in the order they ended: only the latest `keepFinished` stay resumable.
  const ended: string[] = [];

  const forget = (stream: Stream): void => {
    ended.push(stream.id);
    while (ended.length > keepFinished) streams.delete(ended.shift()!);
  };

  const start = (res: ServerResponse): void => {
    const stream = new Stream(randomUUID(), replay, forget);
    streams.set(stream.id, stream);
    openEventStream(res);
    stream.attach(new Reader(res, stream, 1, heartbeatMs));
    void stream.run(upstream);
  };

  const resume = (res: ServerResponse, lastEventId: string): void => {
    const parts = /^(.+)-(\d+)$/.exec(lastEventId);
    const stream = parts ? streams.get(parts[1]!) : undefined;
    const seq = parts ? Number(parts[2]) : Number.NaN;
    if (!stream || !(seq < stream.nextSeq)) {
      refuse(res, `Cannot resume after event "${lastEventId}": the gateway has no such event (the stream ended too long ago, or the ID is wrong)`);
      return;
    }
    if (seq + 1 < stream.firstKept) {
      refuse(
        res,
        `Cannot resume after event ${lastEventId}: the gateway keeps only the last ${replay} events of a stream, ` +
          `so events ${seq + 1} to ${stream.firstKept - 1} are gone and the text they held is lost; start a new stream`,
      );
      return;
    }
    if (stream.finished && seq + 1 === stream.nextSeq) {
      res.writeHead(204).end();
      return;
    }
    openEventStream(res);
    stream.attach(new Reader(res, stream, seq + 1, heartbeatMs));
  };

  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (path !== '/stream') {
      res.writeHead(404).end();
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return;
    }
    const lastEventId = req.headers['last-event-id'];
    if (typeof lastEventId === 'string' && lastEventId !== '') resume(res, lastEventId);
    else start(res);
  });
}

function positiveInteger(name: string, value: unknown): void {
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new RangeError(`Expected \`${name}\` to be a positive integer, got ${String(value)} (${typeof value})`);
  }
}

function openEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    // Neither the browser nor a proxy may cache or hold back the stream.
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  // Send the headers now: the client learns the stream is open before the first token exists.
  res.flushHeaders();
}

function refuse(res: ServerResponse, message: string): void {
  openEventStream(res);
  res.end(`event: error\ndata: ${JSON.stringify({ message })}\n\n`);
}

// One event as it goes on the wire. The data is JSON, so it never holds a line break.
function frame(id: string, type: string | undefined, data: unknown): string {
  return `id: ${id}\n${type === undefined ? '' : `event: ${type}\n`}data: ${JSON.stringify(data)}\n\n`;
}

/** One generation: its log of recent events, and the clients reading it. */
class Stream {
  readonly id: string;
  // Event n (numbered from 1) is at #ring[(n - 1) % capacity] while it is among the last `capacity`.
  readonly #ring: string[];
  nextSeq = 1;
  finished = false;
  readonly #readers = new Set<Reader>();
  readonly #controller = new AbortController();
  readonly #onEnd: (stream: Stream) => void;
  // The generation waits here until every reader has taken the latest event.
  #caughtUp: (() => void) | undefined;

  constructor(id: string, capacity: number, onEnd: (stream: Stream) => void) {
    this.id = id;
    this.#ring = new Array<string>(capacity);
    this.#onEnd = onEnd;
  }

  get firstKept(): number {
    return Math.max(1, this.nextSeq - this.#ring.length);
  }

  frameAt(seq: number): string {
    return this.#ring[(seq - 1) % this.#ring.length]!;
  }

  attach(reader: Reader): void {
    this.#readers.add(reader);
    reader.pump();
  }

  detach(reader: Reader): void {
    this.#readers.delete(reader);
    if (this.#readers.size === 0 && !this.finished) {
      // Nobody is listening: stop the generation instead of paying for tokens nobody reads. A
      // client that resumes later learns from the log why the stream stopped.
      this.#end('error', { message: 'The generation was cancelled: every client had disconnected' });
      this.#controller.abort();
    }
    this.checkCaughtUp();
  }

  checkCaughtUp(): void {
    if (!this.#caughtUp) return;
    for (const reader of this.#readers) if (reader.next < this.nextSeq) return;
    const resolve = this.#caughtUp;
    this.#caughtUp = undefined;
    resolve();
  }

  async run(upstream: TokenSource): Promise<void> {
    const signal = this.#controller.signal;
    try {
      for await (const token of upstream(signal)) {
        // A token that arrives after everyone left is dropped, and breaking out of the loop
        // calls the upstream's return(), so it stops too.
        if (signal.aborted) break;
        this.#append(frame(`${this.id}-${this.nextSeq}`, undefined, { text: token }));
        // Backpressure: read the next token only once every client has taken this one.
        await new Promise<void>((resolve) => {
          this.#caughtUp = resolve;
          this.checkCaughtUp();
        });
        if (signal.aborted) break;
      }
      if (!signal.aborted) this.#end('done', {});
    } catch (error) {
      if (!signal.aborted) this.#end('error', { message: `The upstream failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  #append(text: string): void {
    this.#ring[(this.nextSeq - 1) % this.#ring.length] = text;
    this.nextSeq++;
    for (const reader of this.#readers) reader.pump();
  }

  #end(type: 'done' | 'error', data: unknown): void {
    this.#append(frame(`${this.id}-${this.nextSeq}`, type, data));
    this.finished = true;
    for (const reader of this.#readers) reader.pump();
    this.#onEnd(this);
  }
}

/** One client's response: a cursor into its stream's log. */
class Reader {
  readonly #res: ServerResponse;
  readonly #stream: Stream;
  /** The number of the next event to send. */
  next: number;
  readonly #heartbeatMs: number;
  #heartbeat: ReturnType<typeof setTimeout> | undefined;
  #waitingForDrain = false;

  constructor(res: ServerResponse, stream: Stream, next: number, heartbeatMs: number) {
    this.#res = res;
    this.#stream = stream;
    this.next = next;
    this.#heartbeatMs = heartbeatMs;
    res.on('drain', () => {
      this.#waitingForDrain = false;
      this.pump();
    });
    // After 'close' nothing calls pump() again: the stream has forgotten this reader.
    res.on('close', () => {
      clearTimeout(this.#heartbeat);
      this.#stream.detach(this);
    });
    this.#armHeartbeat();
  }

  /** Writes the events this client has not had yet, until the socket pushes back. */
  pump(): void {
    while (!this.#waitingForDrain && this.next < this.#stream.nextSeq) {
      const ok = this.#res.write(this.#stream.frameAt(this.next));
      this.next++;
      this.#armHeartbeat();
      // write() returning false means the socket is full: wait for 'drain' before writing more.
      if (!ok) this.#waitingForDrain = true;
    }
    if (this.next === this.#stream.nextSeq && this.#stream.finished) {
      clearTimeout(this.#heartbeat);
      this.#res.end();
      return;
    }
    this.#stream.checkCaughtUp();
  }

  // A comment line keeps proxies and clients from timing out an idle connection; it is skipped
  // while the socket is full, since the bytes in it already prove the connection alive.
  #armHeartbeat(): void {
    clearTimeout(this.#heartbeat);
    this.#heartbeat = setTimeout(() => {
      if (!this.#waitingForDrain) this.#res.write(': heartbeat\n');
      this.#armHeartbeat();
    }, this.#heartbeatMs);
  }
}
