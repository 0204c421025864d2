// stub-hash: f568b24c2a923c8a
// Exercise 10-agent-protocols/mcp-http: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 10-agent-protocols/mcp-http

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
  /**
   * @throws {TypeError} when `createServer` is not a function.
   * @throws {RangeError} when `maxBodyBytes` is not a positive integer.
   * @example
   * new McpHttpServer({ createServer, allowedOrigins: ['http://localhost:5173'], maxBodyBytes: 64 * 1024 });
   */
  constructor(options: McpHttpServerOptions) {
    // TODO: implement McpHttpServer.constructor.
    throw new Error('TODO: implement McpHttpServer.constructor');
  }

  /**
   * The number of live sessions.
   *
   * @example
   * http.sessionCount; // 0 before any client has initialized
   */
  get sessionCount(): number {
    // TODO: implement McpHttpServer.sessionCount.
    throw new Error('TODO: implement McpHttpServer.sessionCount');
  }

  /**
   * Starts listening and resolves to the endpoint's URL. Port 0 (the default) picks a free port;
   * the host defaults to 127.0.0.1, never every interface, for a server meant for this machine.
   *
   * @example
   * const url = await http.listen(0, '127.0.0.1'); // URL { href: 'http://127.0.0.1:41234/mcp' }
   */
  listen(port = 0, host = '127.0.0.1'): Promise<URL> {
    // TODO: implement McpHttpServer.listen.
    throw new Error('TODO: implement McpHttpServer.listen');
  }

  /**
   * Ends every session (aborting its running calls and ending its open streams), closes every
   * connection and stops listening. Resolves when the listener has closed.
   *
   * @example
   * afterEach(() => http.close());
   */
  async close(): Promise<void> {
    // TODO: implement McpHttpServer.close.
    throw new Error('TODO: implement McpHttpServer.close');
  }

  /**
   * Serves one HTTP request; the listener created by {@link McpHttpServer.listen} calls it, and it
   * can be mounted in another `node:http` server as a request handler.
   *
   * @example
   * createServer((req, res) => (req.url?.startsWith('/mcp') ? http.handleRequest(req, res) : res.end()));
   */
  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    // TODO: implement McpHttpServer.handleRequest.
    throw new Error('TODO: implement McpHttpServer.handleRequest');
  }
}
