/**
 * What the gateway suites share: a gateway listening on a real loopback port, a test-controlled
 * token source, a streaming HTTP client, and a reader that parses the bytes with both the
 * learner's SseParser and eventsource-parser 3.1.1 and checks that they agree.
 */
import { once } from 'node:events';
import { type ClientRequest, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { expect } from 'vitest';
import { SseParser, type SseEvent } from '@workbook/08-streaming/sse-parser';
import { flushMicrotasks } from '../support/async.ts';

export interface RunningGateway {
  server: Server;
  url: string;
  /** The server side of every response the gateway sent, in the order the requests came. */
  responses: ServerResponse[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, on a port the system picks. */
export async function listen(server: Server): Promise<RunningGateway> {
  const responses: ServerResponse[] = [];
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => responses.push(res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    responses,
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Lets the real event loop turn (virtual time stands still) until `condition` holds, for at most
 * `turns` turns; then fails with `what`. Loopback bytes arrive within a turn or two, so a bound in
 * turns (not in time) holds on a busy machine too.
 */
export async function waitFor(condition: () => boolean, what: string, turns = 20_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (condition()) return;
    await flushMicrotasks();
  }
  if (!condition()) throw new Error(`Waited for ${what}, but it did not happen`);
}

/** A token source the test drives: each token waits until the test releases it. */
export class GatedUpstream {
  /** How many tokens the gateway has asked for (calls of next()). */
  pulls = 0;
  /** How many tokens it has been given. */
  yielded = 0;
  /** Whether the generator's `finally` ran (the gateway stopped it or it ended). */
  stopped = false;
  signals: AbortSignal[] = [];
  readonly #tokens: string[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  readonly #honourSignal: boolean;

  constructor(options: { honourSignal?: boolean } = {}) {
    this.#honourSignal = options.honourSignal ?? true;
  }

  /** Makes tokens available to the generation. */
  release(...tokens: string[]): void {
    this.#tokens.push(...tokens);
    this.#wake?.();
  }

  /** Ends the generation after the released tokens. */
  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  readonly source = (signal: AbortSignal): AsyncIterable<string> => {
    this.signals.push(signal);
    const gate = this;
    return {
      [Symbol.asyncIterator]: () => {
        const iterator = (async function* (): AsyncGenerator<string> {
          try {
            for (;;) {
              gate.pulls++;
              while (gate.#tokens.length === 0 && !gate.#ended && !(gate.#honourSignal && signal.aborted)) {
                await new Promise<void>((resolve) => {
                  gate.#wake = resolve;
                  if (gate.#honourSignal) signal.addEventListener('abort', () => resolve(), { once: true });
                });
              }
              if (gate.#honourSignal && signal.aborted) return;
              if (gate.#tokens.length === 0) return;
              gate.yielded++;
              yield gate.#tokens.shift()!;
            }
          } finally {
            gate.stopped = true;
          }
        })();
        return iterator;
      },
    };
  };
}

/** A streaming GET: the body's bytes as they arrive, with control over reading. */
export class StreamClient {
  status = 0;
  headers: IncomingMessage['headers'] = {};
  readonly chunks: Buffer[] = [];
  ended = false;
  closed = false;
  response: IncomingMessage | undefined;
  readonly request: ClientRequest;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.request = request(`${url}/stream`, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      this.response = res;
      this.status = res.statusCode ?? 0;
      this.headers = res.headers;
      res.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      res.on('end', () => {
        this.ended = true;
      });
      res.on('close', () => {
        this.closed = true;
      });
    });
    this.request.on('error', () => {
      // a client that goes away on purpose ends its own request: nothing to report
    });
    this.request.end();
  }

  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  get bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }

  /** The events received so far, as both parsers read them (they must agree). */
  get events(): SseEvent[] {
    return parseBoth(this.bytes);
  }

  /** Waits until the response has arrived (status and headers). */
  async opened(): Promise<void> {
    await waitFor(() => this.response !== undefined, 'the response headers');
  }

  /** Waits until at least `count` events have arrived. */
  async eventCount(count: number): Promise<SseEvent[]> {
    await waitFor(() => this.events.length >= count, `${count} event(s) to arrive`);
    return this.events;
  }

  async finished(): Promise<SseEvent[]> {
    await waitFor(() => this.ended, 'the gateway to end the response');
    return this.events;
  }

  /** Goes away: closes the connection. */
  disconnect(): void {
    this.request.destroy();
  }
}

/**
 * Parses bytes with the learner's SseParser and with eventsource-parser, checks that both read the
 * same events (type, data, id), and returns them.
 */
export function parseBoth(bytes: Uint8Array): SseEvent[] {
  const parser = new SseParser();
  const ours = parser.push(bytes);
  const theirs: EventSourceMessage[] = [];
  const peer = createParser({ onEvent: (event) => theirs.push(event) });
  peer.feed(new TextDecoder().decode(bytes));
  expect(
    ours.map((e) => ({ type: e.type, data: e.data })),
    'the learner’s SseParser and eventsource-parser must read the same events from the gateway',
  ).toEqual(theirs.map((e) => ({ type: e.event ?? 'message', data: e.data })));
  theirs.forEach((event, i) => {
    if (event.id !== undefined) expect(ours[i]!.lastEventId, 'both parsers must see the same event id').toBe(event.id);
  });
  return ours;
}

/** The tokens of the data events, in order. */
export function tokens(events: SseEvent[]): string[] {
  return events.filter((e) => e.type === 'message').map((e) => (JSON.parse(e.data) as { text: string }).text);
}
