// stub-hash: f0d1888dec0da174
// Exercise 10-agent-protocols/mcp-client: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 10-agent-protocols/mcp-client

import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, type CallToolResult, type JsonRpcMessage, type JsonSchema, type RequestId } from './mcp-server.ts';

/**
 * The server answered a request with a JSON-RPC error (a protocol error): an unknown method,
 * invalid params, an unknown tool. A tool that ran and failed is not one of these: its result
 * comes back normally, with `isError: true`.
 *
 * @provided
 */
export class McpProtocolError extends Error {
  /** The JSON-RPC error code, such as -32601 (method not found) or -32602 (invalid params). */
  readonly code: number;
  /** The error's `data` member, when the server sent one. */
  readonly data?: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'McpProtocolError';
    this.code = code;
    this.data = data;
  }
}

/**
 * The connection ended while a request was waiting for its answer: the server process exited,
 * or the client was closed. Also what every request rejects with once the client is closed.
 *
 * @provided
 */
export class McpConnectionClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpConnectionClosedError';
  }
}

/**
 * A request got no answer within its time limit; the client sent `notifications/cancelled` for it.
 *
 * @provided
 */
export class McpTimeoutError extends Error {
  /** The limit that passed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(method: string, timeoutMs: number) {
    super(`${method} got no answer within ${timeoutMs} ms`);
    this.name = 'McpTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** How to start the server, and how patient to be with it. */
export interface McpClientOptions {
  /** The program to run, such as `node` or `npx`. */
  command: string;
  args?: readonly string[];
  /** The server's environment. Defaults to this process's environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where the server's stderr (its logs) goes: `inherit` (the default), `ignore`, or `pipe` to read it from {@link McpClient.stderr}. */
  stderr?: 'inherit' | 'ignore' | 'pipe';
  /** `clientInfo` in the `initialize` request. Defaults to `{ name: 'workbook-mcp-client', version: '1.0.0' }`. */
  clientInfo?: { name: string; version: string };
  /** The time limit of every request that sets none itself, in milliseconds. Defaults to 60,000. */
  timeoutMs?: number;
  /** How long {@link McpClient.close} waits for the server to exit before each stronger signal. Defaults to 2,000. */
  exitGraceMs?: number;
}

/** What a caller may add to one request. */
export interface RequestOptions {
  /** Aborting it cancels the request: the server is sent `notifications/cancelled`, the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Asks for progress (the request carries a `progressToken`) and receives each `notifications/progress` for it. */
  onProgress?: (progress: Progress) => void;
  /** This request's time limit in milliseconds, instead of the client's. */
  timeoutMs?: number;
}

/** One progress report, as the server sent it. */
export interface Progress {
  progress: number;
  total?: number;
  message?: string;
}

/** A tool as `tools/list` describes it. */
export interface ToolInfo {
  name: string;
  title?: string;
  description?: string;
  inputSchema: JsonSchema;
}

/** What the server said about itself in its `initialize` result. */
export interface ServerInfo {
  name: string;
  version: string;
  title?: string;
}

/**
 * A minimal MCP client over the stdio transport: it starts the server as a child process and
 * exchanges newline-delimited JSON-RPC messages with it, one message per line, on the child's
 * stdin and stdout. The server's stderr is its log, never protocol.
 *
 * - {@link McpClient.connect} runs the handshake: `initialize` with {@link LATEST_PROTOCOL_VERSION},
 *   a check that the server's chosen version is one the client speaks, then
 *   `notifications/initialized`.
 * - Requests get increasing integer ids and are matched to their responses by id, so any number
 *   can be in flight and answers may come in any order. A JSON-RPC error rejects with
 *   {@link McpProtocolError}; a result resolves, including a tool result with `isError: true`.
 * - `onProgress` puts `_meta.progressToken` (the request's id) into the request and receives the
 *   `notifications/progress` that quote it and carry a numeric `progress`, with `total` (a number)
 *   and `message` (a string) only when the server sent them. Without `onProgress` no token is sent.
 * - Aborting a request's `signal`, or its time limit passing, sends `notifications/cancelled` with
 *   the request's id and rejects at once (with the signal's reason, or {@link McpTimeoutError});
 *   a response that still arrives is ignored. An already aborted signal sends nothing at all.
 * - Requests from the server are answered: `ping` with an empty result, anything else with
 *   Method Not Found. Lines that are not JSON-RPC messages (not JSON, or JSON that is not an
 *   object) are ignored, and so is an answer to an id no request is waiting for: under JSON-RPC
 *   the string `"2"` is not the id `2`.
 * - When the server exits, every waiting request rejects with {@link McpConnectionClosedError}.
 *
 * @example
 * const client = new McpClient({ command: 'npx', args: ['tsx', 'chapters/10-agent-protocols/serve-stdio.ts'] });
 * await client.connect();
 * const tools = await client.listTools();
 * const sum = await client.callTool('add', { a: 2, b: 3 }); // { content: [{ type: 'text', text: '5' }] }
 * await client.callTool('count_slowly', { to: 3 }, { onProgress: (p) => console.log(p.progress, '/', p.total) });
 * await client.close();
 */
export class McpClient {
  /**
   * Prepares a client; nothing starts until {@link McpClient.connect}.
   *
   * @throws {TypeError} when `command` is not a non-empty string.
   * @example
   * const client = new McpClient({ command: process.execPath, args: ['server.js'], stderr: 'pipe', timeoutMs: 10_000 });
   */
  constructor(options: McpClientOptions) {
    // TODO: implement McpClient.constructor.
    throw new Error('TODO: implement McpClient.constructor');
  }

  /**
   * The protocol version the server chose; `undefined` before {@link McpClient.connect} succeeds.
   *
   * @example
   * client.protocolVersion; // '2025-11-25'
   */
  get protocolVersion(): string | undefined {
    // TODO: implement McpClient.protocolVersion.
    throw new Error('TODO: implement McpClient.protocolVersion');
  }

  /**
   * `serverInfo` from the `initialize` result; `undefined` before connecting.
   *
   * @example
   * client.serverInfo?.name; // 'workbook-demo'
   */
  get serverInfo(): ServerInfo | undefined {
    // TODO: implement McpClient.serverInfo.
    throw new Error('TODO: implement McpClient.serverInfo');
  }

  /**
   * The capabilities the server declared (`{ tools: {…} }` for a tool server); `{}` before connecting.
   *
   * @example
   * 'tools' in client.serverCapabilities; // true
   */
  get serverCapabilities(): Record<string, unknown> {
    // TODO: implement McpClient.serverCapabilities.
    throw new Error('TODO: implement McpClient.serverCapabilities');
  }

  /**
   * The server's `instructions`, when it sent any.
   *
   * @example
   * client.instructions; // 'Use add for sums.'
   */
  get instructions(): string | undefined {
    // TODO: implement McpClient.instructions.
    throw new Error('TODO: implement McpClient.instructions');
  }

  /**
   * The child process id while it runs; `undefined` before connecting and after it exited.
   *
   * @example
   * client.pid; // 12345
   */
  get pid(): number | undefined {
    // TODO: implement McpClient.pid.
    throw new Error('TODO: implement McpClient.pid');
  }

  /**
   * The server's stderr when `stderr: 'pipe'` was asked for; `null` otherwise.
   *
   * @example
   * client.stderr?.on('data', (chunk) => process.stderr.write(chunk));
   */
  get stderr(): Readable | null {
    // TODO: implement McpClient.stderr.
    throw new Error('TODO: implement McpClient.stderr');
  }

  /**
   * Starts the server and runs the handshake. Rejects, and stops the child, when the program
   * cannot be started, exits during the handshake, answers `initialize` with an error, or chooses
   * a protocol version this client does not support.
   *
   * @throws {Error} when called a second time.
   * @example
   * await client.connect();
   * client.protocolVersion; // '2025-11-25'
   */
  async connect(): Promise<void> {
    // TODO: implement McpClient.connect.
    throw new Error('TODO: implement McpClient.connect');
  }

  /**
   * Sends a request and resolves to its `result`. See {@link RequestOptions} for progress,
   * cancellation and time limits.
   *
   * @throws {McpProtocolError} when the server answers with an error.
   * @throws {McpTimeoutError} when the time limit passes first.
   * @throws {McpConnectionClosedError} when the connection ends first, or has ended.
   * @example
   * await client.request('tools/list'); // { tools: [ … ] }
   * await client.request('prompts/list'); // rejects: McpProtocolError, code -32601, from a server without prompts
   */
  request(method: string, params?: Record<string, unknown>, options: RequestOptions = {}): Promise<Record<string, unknown>> {
    // TODO: implement McpClient.request.
    throw new Error('TODO: implement McpClient.request');
  }

  /**
   * Sends a notification. Does nothing once the connection has ended.
   *
   * @example
   * client.notify('notifications/roots/list_changed');
   */
  notify(method: string, params?: Record<string, unknown>): void {
    // TODO: implement McpClient.notify.
    throw new Error('TODO: implement McpClient.notify');
  }

  /**
   * Checks that the server answers.
   *
   * @example
   * await client.ping({ timeoutMs: 1_000 });
   */
  async ping(options: RequestOptions = {}): Promise<void> {
    // TODO: implement McpClient.ping.
    throw new Error('TODO: implement McpClient.ping');
  }

  /**
   * Lists every tool, following `nextCursor` through as many pages as the server returns; a page
   * whose `nextCursor` is absent or not a string is the last.
   *
   * @throws {McpProtocolError} when the server repeats a cursor (it would never end) or sends no `tools` array.
   * @example
   * (await client.listTools()).map((tool) => tool.name); // ['add', 'count_slowly']
   */
  async listTools(options: RequestOptions = {}): Promise<ToolInfo[]> {
    // TODO: implement McpClient.listTools.
    throw new Error('TODO: implement McpClient.listTools');
  }

  /**
   * Calls a tool. A tool that fails resolves like any result, with `isError: true`: that is the
   * tool's answer, for the model to read. Only protocol errors reject.
   *
   * @throws {McpProtocolError} when the server refuses the call itself (an unknown tool, say).
   * @example
   * const controller = new AbortController();
   * const done = client.callTool('count_slowly', { to: 100 }, { signal: controller.signal, onProgress: (p) => p.progress > 3 && controller.abort() });
   * await done; // rejects with controller.signal.reason; the server was told to stop
   */
  async callTool(name: string, args: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<CallToolResult> {
    // TODO: implement McpClient.callTool.
    throw new Error('TODO: implement McpClient.callTool');
  }

  /**
   * Ends the connection the way the stdio transport asks: closes the server's stdin, waits up to
   * `exitGraceMs` for it to exit, then sends SIGTERM, and after another `exitGraceMs` SIGKILL.
   * Waiting requests reject with {@link McpConnectionClosedError}. Resolves once the child has
   * exited; calling it again, or after the server exited, resolves at once.
   *
   * @example
   * await client.close();
   * client.pid; // undefined
   */
  async close(): Promise<void> {
    // TODO: implement McpClient.close.
    throw new Error('TODO: implement McpClient.close');
  }
}
