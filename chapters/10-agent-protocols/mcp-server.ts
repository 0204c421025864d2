// stub-hash: fe90413d21a568c7
// Exercise 10-agent-protocols/mcp-server: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 10-agent-protocols/mcp-server

/**
 * The MCP revision this server prefers: the newest one it implements. The official TypeScript
 * SDK 1.32 speaks the same revision.
 */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/**
 * Every MCP revision this server accepts, newest first. The tools part of the protocol that this
 * server implements (`tools/list`, `tools/call`, text content, `isError`, progress, cancellation,
 * `ping`) means the same in all of them.
 */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

/**
 * The JSON-RPC error codes this server sends. The first five are JSON-RPC 2.0's own;
 * `ServerNotInitialized` sits in the range JSON-RPC leaves to servers (-32000 to -32099), and is
 * the code the official SDK's HTTP transport uses for the same refusal.
 */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  ServerNotInitialized: -32000,
} as const;

/** A request id: MCP allows strings and integers, never `null`. */
export type RequestId = string | number;

/** A request: it carries an id and must be answered exactly once (unless it is cancelled). */
export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: Record<string, unknown>;
}

/** A notification: no id, never answered. */
export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
}

/** A successful response; MCP results are always objects. */
export interface JsonRpcResultResponse {
  jsonrpc: '2.0';
  id: RequestId;
  result: Record<string, unknown>;
}

/** An error response; `id` is left out only when the request's id could not be read. */
export interface JsonRpcErrorResponse {
  jsonrpc: '2.0';
  id?: RequestId;
  error: { code: number; message: string; data?: unknown };
}

/** Any message either side sends. */
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResultResponse | JsonRpcErrorResponse;

/**
 * Where the server's messages go. `relatedRequestId` is the id of the client request a message
 * belongs to: the request a response answers, or the request whose `progressToken` a progress
 * notification quotes; `undefined` for an error about a message whose id could not be read. A
 * transport that keeps one stream per request (Streamable HTTP) routes by it; a transport with one
 * stream for everything (stdio) ignores it.
 */
export type Send = (message: JsonRpcMessage, relatedRequestId: RequestId | undefined) => void;

/** The subset of JSON Schema that {@link checkArguments} understands. Other keywords are allowed and ignored. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  [keyword: string]: unknown;
}

/** One block of a tool's output. This chapter's tools return text; images and audio carry base64 `data`. */
export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image' | 'audio'; data: string; mimeType: string };

/** What `tools/call` returns. `isError: true` marks a tool execution error: the tool ran and failed. */
export interface CallToolResult {
  content: ContentBlock[];
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
}

/** What a tool handler receives besides its arguments. */
export interface ToolContext {
  /** The id of the `tools/call` request being served. */
  readonly requestId: RequestId;
  /** Fires when the client cancels the request, or when the server closes. Stop work when it does. */
  readonly signal: AbortSignal;
  /**
   * Sends `notifications/progress` for this call, when the caller asked for progress (its request
   * carried `params._meta.progressToken`); does nothing otherwise, and nothing once the call has
   * finished or been cancelled.
   *
   * @throws {RangeError} when `progress` is not a finite number greater than the last one reported
   *   for this call, or `total` is given and is not a finite number: MCP requires progress to increase.
   */
  reportProgress(progress: number, total?: number, message?: string): void;
}

/** A tool's implementation. What it throws becomes a tool execution error (`isError: true`). */
export type ToolHandler = (args: Record<string, unknown>, context: ToolContext) => CallToolResult | Promise<CallToolResult>;

/** A tool as registered with {@link McpServer.registerTool}. */
export interface Tool {
  /** 1–128 characters of `A-Z a-z 0-9 _ - .`, unique within the server. */
  name: string;
  title?: string;
  description: string;
  /** A JSON Schema object; `tools/call` checks the arguments against it with {@link checkArguments}. */
  inputSchema: JsonSchema & { type: 'object' };
  handler: ToolHandler;
}

/** Options of {@link McpServer}. */
export interface McpServerOptions {
  /** `serverInfo.name` in the `initialize` result. */
  name: string;
  /** `serverInfo.version`. */
  version: string;
  /** `serverInfo.title`, a name for people; left out when not given. */
  title?: string;
  /** `instructions` in the `initialize` result: how a model should use this server. */
  instructions?: string;
  /** Called with every message the server sends, in order. */
  send: Send;
}

/**
 * Checks `value` against a small subset of JSON Schema and returns one line per problem (an empty
 * array when the value fits): `type` (with `integer` meaning a whole number), `properties`,
 * `required`, `additionalProperties: false`, `items`, `enum`, `minimum` and `maximum`.
 * A real server would use a full validator such as Ajv; this one is enough for the chapter's tools.
 *
 * @provided
 * @example
 * checkArguments({ type: 'object', properties: { a: { type: 'number' } }, required: ['a'] }, { a: 'x' });
 * // ['arguments.a must be a number, got "x"']
 */
export function checkArguments(schema: JsonSchema, value: unknown, path = 'arguments'): string[] {
  const describe = (v: unknown): string => (v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v));
  const fits = (type: NonNullable<JsonSchema['type']>, v: unknown): boolean => {
    switch (type) {
      case 'object':
        return typeof v === 'object' && v !== null && !Array.isArray(v);
      case 'array':
        return Array.isArray(v);
      case 'integer':
        return Number.isInteger(v);
      case 'number':
        return typeof v === 'number' && Number.isFinite(v);
      case 'null':
        return v === null;
      default:
        return typeof v === type;
    }
  };
  if (schema.type !== undefined && !fits(schema.type, value)) {
    const article = schema.type === 'object' || schema.type === 'array' || schema.type === 'integer' ? 'an' : 'a';
    return [`${path} must be ${article} ${schema.type}, got ${describe(value)}`];
  }
  const problems: string[] = [];
  if (schema.enum && !schema.enum.some((option) => option === value)) {
    problems.push(`${path} must be one of ${schema.enum.map(describe).join(', ')}, got ${describe(value)}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path} must be at least ${schema.minimum}, got ${value}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path} must be at most ${schema.maximum}, got ${value}`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => problems.push(...checkArguments(schema.items!, item, `${path}[${i}]`)));
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!Object.hasOwn(record, key)) problems.push(`${path}.${key} is required`);
    }
    for (const [key, item] of Object.entries(record)) {
      const property = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      if (property) problems.push(...checkArguments(property, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${key} is not allowed`);
    }
  }
  return problems;
}

/**
 * An MCP server that offers tools, independent of any transport: feed it each message the client
 * sent, already parsed from JSON, with {@link McpServer.handle}; it answers through the `send`
 * callback. The stdio and Streamable HTTP transports of this chapter are thin layers around it.
 *
 * What it does with each message, following the MCP specification (revision 2025-11-25):
 * - `initialize` → negotiates the version: the client's if it is one of
 *   {@link SUPPORTED_PROTOCOL_VERSIONS}, {@link LATEST_PROTOCOL_VERSION} otherwise; declares the
 *   `tools` capability and `serverInfo`. A second `initialize` is an Invalid Request error; one
 *   whose `protocolVersion` is not a string is an Invalid Params error, with the supported
 *   versions in `error.data.supported`.
 * - `ping` → an empty result, at any time, before `initialize` too.
 * - any other request before `initialize` → a `ServerNotInitialized` error; nothing runs.
 * - `tools/list` → every registered tool's `name`, `title`, `description` and `inputSchema`.
 * - `tools/call` → runs the tool. Protocol errors (JSON-RPC errors): a missing `name`, an unknown
 *   tool, `arguments` that are not an object (Invalid Params). Tool execution errors (a result with
 *   `isError: true` and a text block saying what went wrong, so a model can correct itself):
 *   arguments that do not fit the tool's `inputSchema`, and anything the handler throws. A handler
 *   that returns something other than a `CallToolResult` (an object with a `content` array) is an
 *   Internal Error: the server's own bug, not the model's.
 * - `notifications/cancelled` → aborts the named request's `signal`; no response is ever sent for
 *   that request, and its progress stops. Unknown or finished ids are ignored.
 * - other notifications, and responses (with an id or without), are never answered. Unknown methods get Method Not Found.
 * - anything that is not a JSON-RPC 2.0 message (an array too: MCP has no batches since
 *   2025-06-18) gets an Invalid Request error, with the id when one could be read.
 *
 * Requests run concurrently: `handle` does not wait for one call to finish before serving the next.
 * A request whose id belongs to a call still running is an Invalid Request error; the server
 * remembers only running calls, so an id is free again once its call has been answered or cancelled.
 *
 * @example
 * const server = new McpServer({ name: 'demo', version: '1.0.0', send: (m) => console.error(JSON.stringify(m)) });
 * server.registerTool({
 *   name: 'add', description: 'Adds two numbers',
 *   inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
 *   handler: ({ a, b }) => ({ content: [{ type: 'text', text: String(Number(a) + Number(b)) }] }),
 * });
 * await server.handle({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } } });
 * await server.handle({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'add', arguments: { a: 2, b: 3 } } });
 * // sends { jsonrpc: '2.0', id: 2, result: { content: [{ type: 'text', text: '5' }] } }
 */
export class McpServer {
  /**
   * @throws {TypeError} when `send` is not a function.
   * @example
   * const server = new McpServer({ name: 'demo', version: '1.0.0', send: (message) => transport.write(message) });
   */
  constructor(options: McpServerOptions) {
    // TODO: implement McpServer.constructor.
    throw new Error('TODO: implement McpServer.constructor');
  }

  /**
   * The negotiated protocol version, once `initialize` has been answered; `undefined` before.
   *
   * @example
   * server.protocolVersion; // '2025-11-25'
   */
  get protocolVersion(): string | undefined {
    // TODO: implement McpServer.protocolVersion.
    throw new Error('TODO: implement McpServer.protocolVersion');
  }

  /**
   * Whether the client has sent `notifications/initialized` after a successful `initialize`.
   *
   * @example
   * server.initialized; // true once the handshake is complete
   */
  get initialized(): boolean {
    // TODO: implement McpServer.initialized.
    throw new Error('TODO: implement McpServer.initialized');
  }

  /**
   * Adds a tool; a tool registered again under the same name replaces the first. Returns the
   * server, so calls chain. O(1).
   *
   * @throws {TypeError} when the name is not 1–128 characters of `A-Za-z0-9_-.`, the handler is
   *   not a function, or `inputSchema` is not an object schema (`type: 'object'`).
   * @example
   * server.registerTool({ name: 'ping_db', description: 'Checks the database', inputSchema: { type: 'object' }, handler: () => ({ content: [{ type: 'text', text: 'ok' }] }) });
   */
  registerTool(tool: Tool): this {
    // TODO: implement McpServer.registerTool.
    throw new Error('TODO: implement McpServer.registerTool');
  }

  /**
   * Handles one message from the client, already parsed from JSON, and sends what it calls for
   * through `send`. Resolves once that is done: after the response was sent, or once a cancelled
   * request's handler has settled (without a response). Never rejects, unless `send` throws.
   * After {@link McpServer.close} it ignores every message.
   *
   * @example
   * await server.handle({ jsonrpc: '2.0', id: 'a', method: 'ping' });
   * // sends { jsonrpc: '2.0', id: 'a', result: {} }
   * await server.handle({ jsonrpc: '2.0', method: 'notifications/initialized' });
   * // sends nothing: notifications are never answered
   */
  async handle(message: unknown): Promise<void> {
    // TODO: implement McpServer.handle.
    throw new Error('TODO: implement McpServer.handle');
  }

  /**
   * Stops the server: aborts the signal of every request still running (none of them will be
   * answered) and ignores every later message. Transports call it when the connection ends
   * (stdin closed, HTTP session deleted). Calling it again does nothing.
   *
   * @example
   * process.stdin.on('end', () => server.close());
   */
  close(reason = 'the server closed'): void {
    // TODO: implement McpServer.close.
    throw new Error('TODO: implement McpServer.close');
  }
}
