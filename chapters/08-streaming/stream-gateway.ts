// stub-hash: ca6b4905fb5d2045
// Exercise 08-streaming/stream-gateway: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 08-streaming/stream-gateway

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
  // TODO: implement createStreamGateway.
  throw new Error('TODO: implement createStreamGateway');
}
