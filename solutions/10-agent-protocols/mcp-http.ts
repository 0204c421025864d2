import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ErrorCode, SUPPORTED_PROTOCOL_VERSIONS, type JsonRpcMessage, type McpServer, type RequestId, type Send } from './mcp-server.ts';

/** Options of {@link McpHttpServer}. */
export interface McpHttpServerOptions {
  /**
   * Makes the {@link McpServer} of a new session; called once per successful `initialize`, with
   * the `send` callback that routes that session's messages to the right HTTP response.
   */
  createServer: (send: Send) => McpServer;
  /** The one MCP endpoint. Defaults to `/mcp`; every other path is 404. */
  path?: string;
  /**
   * The `Origin` values accepted, such as `http://localhost:5173`. A request without `Origin` (a
   * program, not a web page) is always accepted; one whose `Origin` is not listed gets 403.
   * Defaults to none.
   */
  allowedOrigins?: readonly string[];
  /** The largest request body accepted, in bytes; a larger one gets 413. Defaults to 1 MiB. */
  maxBodyBytes?: number;
}

/**
 * MCP's Streamable HTTP transport on `node:http`: one endpoint, one {@link McpServer} per session.
 *
 * - **POST** carries exactly one JSON-RPC message (`Content-Type: application/json`, else 415;
 *   `Accept` must list both `application/json` and `text/event-stream`, else 406; a body over
 *   `maxBodyBytes` → 413; invalid JSON → 400 with a Parse Error; an array or anything that is not
 *   one request, notification or response → 400).
 *   - A notification or a response → `202 Accepted`, no body.
 *   - A request → the answer comes on the same HTTP response: `application/json` holding the one
 *     response when that is the first thing the server sends for it; `text/event-stream` when a
 *     notification (progress) comes first: each message is one SSE event `event: message`, and
 *     the stream ends after the response. A request that ends without a response (cancelled)
 *     ends its stream empty. The client dropping the connection does not cancel the request.
 *   - A request whose id is that of a request of the session whose response is still open (even a
 *     cancelled one whose tool has not yet stopped) → 400; the first request is not disturbed.
 * - **Sessions.** An `initialize` request without `Mcp-Session-Id` starts a session; a successful
 *   answer carries the new `Mcp-Session-Id` header: a random UUID, so that no one can guess another
 *   client's session. Every other POST and DELETE must carry it: missing → 400, unknown or ended →
 *   404. `MCP-Protocol-Version`, when present, must be a supported version, else 400.
 * - **DELETE** with the session id ends the session (its running calls are aborted) → 200.
 * - **GET** → 405: this server opens no stream of its own, so messages unrelated to a request are
 *   never sent.
 * - **Origin.** Checked before anything else on every request: a present `Origin` that is not in
 *   `allowedOrigins` → 403, so a web page cannot drive a local server through DNS rebinding.
 *
 * Error responses other than 202 and 200 carry a JSON-RPC error object without an id.
 *
 * @example
 * const http = new McpHttpServer({ createServer: (send) => registerDemoTools(new McpServer({ name: 'demo', version: '1.0.0', send })) });
 * const url = await http.listen(); // http://127.0.0.1:<free port>/mcp
 * // … later
 * await http.close();
 */
export class McpHttpServer {
  readonly #createServer: (send: Send) => McpServer;
  readonly #path: string;
  readonly #allowedOrigins: ReadonlySet<string>;
  readonly #maxBodyBytes: number;
  readonly #sessions = new Map<string, Session>();
  readonly #http: Server;

  /**
   * @throws {TypeError} when `createServer` is not a function.
   * @throws {RangeError} when `maxBodyBytes` is not a positive integer.
   * @example
   * new McpHttpServer({ createServer, allowedOrigins: ['http://localhost:5173'], maxBodyBytes: 64 * 1024 });
   */
  constructor(options: McpHttpServerOptions) {
    if (typeof options?.createServer !== 'function') throw new TypeError(`Expected \`createServer\` to be a function, got ${typeof options?.createServer}`);
    const max = options.maxBodyBytes ?? 1_048_576;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`Expected \`maxBodyBytes\` to be a positive integer, got ${max}`);
    this.#createServer = options.createServer;
    this.#path = options.path ?? '/mcp';
    this.#allowedOrigins = new Set(options.allowedOrigins ?? []);
    this.#maxBodyBytes = max;
    this.#http = createServer((req, res) => this.handleRequest(req, res));
  }

  /**
   * The number of live sessions.
   *
   * @example
   * http.sessionCount; // 0 before any client has initialized
   */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /**
   * Starts listening and resolves to the endpoint's URL. Port 0 (the default) picks a free port;
   * the host defaults to 127.0.0.1, never every interface, for a server meant for this machine.
   *
   * @example
   * const url = await http.listen(0, '127.0.0.1'); // URL { href: 'http://127.0.0.1:41234/mcp' }
   */
  listen(port = 0, host = '127.0.0.1'): Promise<URL> {
    return new Promise((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(port, host, () => {
        this.#http.off('error', reject);
        const address = this.#http.address();
        if (address === null || typeof address === 'string') return reject(new Error('the server has no TCP address'));
        const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve(new URL(this.#path, `http://${hostname}:${address.port}`));
      });
    });
  }

  /**
   * Ends every session (aborting its running calls and ending its open streams), closes every
   * connection and stops listening. Resolves when the listener has closed.
   *
   * @example
   * afterEach(() => http.close());
   */
  async close(): Promise<void> {
    for (const session of this.#sessions.values()) session.end();
    this.#sessions.clear();
    if (!this.#http.listening) return;
    await new Promise<void>((resolve) => {
      this.#http.close(() => resolve());
      this.#http.closeAllConnections();
    });
  }

  /**
   * Serves one HTTP request; the listener created by {@link McpHttpServer.listen} calls it, and it
   * can be mounted in another `node:http` server as a request handler.
   *
   * @example
   * createServer((req, res) => (req.url?.startsWith('/mcp') ? http.handleRequest(req, res) : res.end()));
   */
  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== this.#path) return reply(res, 404, 'Not Found');
    const origin = req.headers.origin;
    if (origin !== undefined && !this.#allowedOrigins.has(origin)) return reply(res, 403, `Forbidden: Origin ${origin} is not allowed`);
    // #post rejects only when the request's connection fails (the client went away mid-body):
    // there is no one left to answer, but the rejection must not go unhandled.
    if (req.method === 'POST') return void this.#post(req, res).catch(() => res.destroy());
    if (req.method === 'DELETE') return this.#delete(req, res);
    res.setHeader('Allow', 'POST, DELETE');
    reply(res, 405, 'Method Not Allowed: this endpoint takes POST and DELETE');
  }

  async #post(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return reply(res, 415, 'Unsupported Media Type: send application/json');
    const accept = (req.headers.accept ?? '').toLowerCase();
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      return reply(res, 406, 'Not Acceptable: Accept must list application/json and text/event-stream');
    }
    const body = await readBody(req, this.#maxBodyBytes);
    if (body === undefined) {
      res.setHeader('Connection', 'close');
      return reply(res, 413, `Payload Too Large: the limit is ${this.#maxBodyBytes} bytes`);
    }
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(res, 400, 'Parse error: the body is not valid JSON', ErrorCode.ParseError);
    }
    const kind = classify(message);
    if (kind === 'invalid') return reply(res, 400, 'Invalid Request: the body must be one JSON-RPC request, notification or response');
    const m = message as Record<string, unknown>;

    const sessionId = req.headers['mcp-session-id'];
    if (kind === 'request' && m.method === 'initialize' && sessionId === undefined) return this.#initialize(m as unknown as Request, res);
    if (typeof sessionId !== 'string') return reply(res, 400, 'Bad Request: Mcp-Session-Id header is required');
    const session = this.#sessions.get(sessionId);
    if (!session) return reply(res, 404, 'Not Found: unknown or ended session');
    const version = req.headers['mcp-protocol-version'];
    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(String(version))) {
      return reply(res, 400, `Bad Request: unsupported MCP-Protocol-Version ${String(version)}`);
    }
    if (kind !== 'request') {
      res.writeHead(202).end();
      await session.server.handle(message);
      return;
    }
    await session.serve(m as unknown as Request, res);
  }

  async #initialize(request: Request, res: ServerResponse): Promise<void> {
    const id = randomUUID();
    const session = new Session(id, this.#createServer);
    this.#sessions.set(id, session);
    await session.serve(request, res);
    // A failed initialize (an error response) leaves no session behind.
    if (session.server.protocolVersion === undefined) {
      this.#sessions.delete(id);
      session.end();
    }
  }

  #delete(req: IncomingMessage, res: ServerResponse): void {
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId !== 'string') return reply(res, 400, 'Bad Request: Mcp-Session-Id header is required');
    const session = this.#sessions.get(sessionId);
    if (!session) return reply(res, 404, 'Not Found: unknown or ended session');
    this.#sessions.delete(sessionId);
    session.end();
    res.writeHead(200).end();
  }
}

interface Request {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: Record<string, unknown>;
}

/** One MCP session: its server, and the open HTTP response of each request it is serving. */
class Session {
  readonly id: string;
  readonly server: McpServer;
  readonly #exchanges = new Map<RequestId, Exchange>();

  constructor(id: string, create: (send: Send) => McpServer) {
    this.id = id;
    this.server = create((message, related) => {
      // Messages belong to the request they relate to; with no stream of its own (no GET), the
      // server has nowhere to put anything else.
      if (related !== undefined) this.#exchanges.get(related)?.deliver(message);
    });
  }

  async serve(request: Request, res: ServerResponse): Promise<void> {
    // The McpServer refuses an id in use too, but its error would go to the stream of the request
    // that holds the id, and end it: refuse the newcomer here, on its own response.
    if (this.#exchanges.has(request.id)) return reply(res, 400, `Invalid Request: id ${JSON.stringify(request.id)} is still open in this session`);
    const exchange = new Exchange(res, this.id, request.method === 'initialize');
    this.#exchanges.set(request.id, exchange);
    try {
      await this.server.handle(request);
    } finally {
      this.#exchanges.delete(request.id);
      exchange.finish();
    }
  }

  end(): void {
    this.server.close('the session ended');
    for (const exchange of this.#exchanges.values()) exchange.finish();
    this.#exchanges.clear();
  }
}

/** The HTTP response of one request: plain JSON until a notification forces a switch to SSE. */
class Exchange {
  readonly #res: ServerResponse;
  readonly #sessionId: string;
  readonly #isInitialize: boolean;
  #mode: 'waiting' | 'sse' | 'done' = 'waiting';

  constructor(res: ServerResponse, sessionId: string, isInitialize: boolean) {
    this.#res = res;
    this.#sessionId = sessionId;
    this.#isInitialize = isInitialize;
  }

  deliver(message: JsonRpcMessage): void {
    if (this.#mode === 'done') return;
    // The client went away. That is not a cancellation: the request runs on, its messages are dropped.
    if (this.#res.destroyed) {
      this.#mode = 'done';
      return;
    }
    const isResponse = 'result' in message || 'error' in message;
    // The session id goes out with the initialize answer only if it succeeded.
    const headers: Record<string, string> = this.#isInitialize && !('result' in message) ? {} : { 'Mcp-Session-Id': this.#sessionId };
    if (this.#mode === 'waiting' && isResponse) {
      this.#mode = 'done';
      this.#res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(message));
      return;
    }
    if (this.#mode === 'waiting') {
      this.#mode = 'sse';
      this.#res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      this.#res.flushHeaders();
    }
    this.#res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    if (isResponse) this.finish();
  }

  finish(): void {
    if (this.#mode === 'done') return;
    if (this.#mode === 'waiting' && !this.#res.headersSent) this.#res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    this.#mode = 'done';
    this.#res.end();
  }
}

/** Reads the whole body, or resolves `undefined` as soon as it exceeds `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume(); // drain it, so the client can read the 413 instead of a reset connection
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        return resolve(undefined);
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function classify(message: unknown): 'request' | 'notification' | 'response' | 'invalid' {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'invalid';
  const m = message as Record<string, unknown>;
  if (m.jsonrpc !== '2.0') return 'invalid';
  const hasId = Object.hasOwn(m, 'id');
  const idOk = typeof m.id === 'string' || Number.isInteger(m.id);
  if (typeof m.method === 'string') return !hasId ? 'notification' : idOk ? 'request' : 'invalid';
  if (idOk && (Object.hasOwn(m, 'result') || Object.hasOwn(m, 'error'))) return 'response';
  return 'invalid';
}

function reply(res: ServerResponse, status: number, message: string, code: number = ErrorCode.InvalidRequest): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code, message } }));
}
