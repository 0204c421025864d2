/** Bug: stops accepting requests when the transport closes but leaves the pending ones waiting forever. */
/** A JSON-RPC request id. MCP narrows JSON-RPC here: never `null`, never reused within a session. */
export type RequestId = string | number;

/** JSON-RPC parameters: by name (an object) or by position (an array). */
export type Params = Record<string, unknown> | unknown[];

/** A call that expects a response carrying the same `id`. */
export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: Params;
}

/** A one-way message: no `id`, and the receiver must not reply. */
export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Params;
}

/** The `error` member of a failed response. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** Everything the client sends. */
export type OutgoingMessage = JsonRpcRequest | JsonRpcNotification;

/**
 * An asynchronous, message-oriented connection to one peer: stdio, a WebSocket, a worker, or an
 * in-memory pair in tests. It moves whole messages (framing and JSON parsing are its job) and
 * knows nothing about requests and responses: correlating them is the client's job.
 *
 * @example
 * const transport: Transport = {
 *   send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
 *   onMessage: (listener) => lines.subscribe((line) => listener(JSON.parse(line))),
 *   onClose: (listener) => { child.once('exit', () => listener()); return () => {}; },
 * };
 */
export interface Transport {
  /** Hands one message to the transport and returns at once; it may throw when the transport is closed. */
  send(message: OutgoingMessage): void;
  /** Calls `listener` with every message that arrives, as parsed JSON of unknown shape. Returns a function that removes the listener. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Calls `listener` once when the connection ends, with the error that ended it, if any. Returns a function that removes the listener. */
  onClose(listener: (error?: Error) => void): () => void;
}

/** Options for a whole client. */
export interface RpcClientOptions {
  /** The time limit for a request that sets none, in milliseconds (`Infinity` for none). Default 60 000. */
  timeoutMs?: number;
}

/** Options for one request. */
export interface RequestOptions {
  /** This request's time limit in milliseconds, overriding the client's default. */
  timeoutMs?: number;
  /** Cancels the request when aborted. */
  signal?: AbortSignal;
}

/**
 * The peer answered a request with a JSON-RPC error response.
 *
 * @provided
 * @example
 * try {
 *   await client.request('tools/call', { name: 'search' });
 * } catch (error) {
 *   if (error instanceof RpcError && error.code === -32601) console.log('no such method');
 * }
 */
export class RpcError extends Error {
  /** The JSON-RPC error code, such as -32601 (method not found). */
  readonly code: number;
  /** The error's optional `data` member, as the peer sent it. */
  readonly data: unknown;

  constructor(error: JsonRpcErrorObject) {
    super(error.message);
    this.name = 'RpcError';
    this.code = error.code;
    this.data = error.data;
  }
}

/**
 * A request got no response within its time limit.
 *
 * @provided
 * @example
 * // RpcTimeoutError: tools/call (id 7) got no response within 30000 ms
 */
export class RpcTimeoutError extends Error {
  readonly method: string;
  readonly requestId: RequestId;
  readonly ms: number;

  constructor(method: string, requestId: RequestId, ms: number) {
    super(`${method} (id ${requestId}) got no response within ${ms} ms`);
    this.name = 'RpcTimeoutError';
    this.method = method;
    this.requestId = requestId;
    this.ms = ms;
  }
}

/**
 * The transport closed (or the client was closed) before a response arrived, or a request was
 * made after that. `cause` holds the transport's error, when it gave one.
 *
 * @provided
 * @example
 * // TransportClosedError: the transport closed before tools/list (id 3) got a response
 */
export class TransportClosedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransportClosedError';
  }
}

/**
 * A JSON-RPC 2.0 client over any asynchronous {@link Transport}: request/response on top of
 * one-way messages.
 *
 * - Each request gets an id never used before by this client, and waits in a pending map keyed
 *   by that id until a response with the same id (compared with `===`) settles it.
 * - A request rejects with {@link RpcTimeoutError} after its time limit, or with the signal's
 *   reason when its `AbortSignal` aborts. Either way the client stops waiting and sends MCP's
 *   `notifications/cancelled` with `params: { requestId, reason }` (`reason`: the abort reason's
 *   message or string, or `"timed out after <ms> ms"`), unless the signal was already aborted
 *   before the request was sent, in which case nothing is sent at all.
 * - An error response rejects with {@link RpcError}. A response for an id that is not pending
 *   (late, duplicate or unknown) is ignored, as is anything that is not a well-formed JSON-RPC
 *   response (requests and notifications from the peer are not this class's job).
 * - When the transport closes, every pending request rejects with {@link TransportClosedError}
 *   (its `cause` is the transport's error), and so does every later request, without sending.
 * - Nothing leaks: once a request settles, its timer is cleared, its abort listener removed and
 *   its pending entry deleted.
 *
 * Each operation is O(1), apart from closing, which is O(pending requests).
 *
 * @example
 * const client = new RpcClient(transport, { timeoutMs: 30_000 });
 * const tools = await client.request<{ tools: unknown[] }>('tools/list');
 * const controller = new AbortController();
 * const call = client.request('tools/call', { name: 'search', arguments: { q: 'mcp' } }, { signal: controller.signal });
 * controller.abort(new Error('user pressed stop')); // call rejects; the server is told to stop
 */
export class RpcClient {
  // `#pending` holds exactly the requests still waiting; an entry leaves it the moment its request settles.
  #pending = new Map<
    RequestId,
    {
      method: string;
      resolve: (result: unknown) => void;
      reject: (reason: unknown) => void;
      timer: ReturnType<typeof setTimeout> | undefined;
      signal: AbortSignal | undefined;
      onAbort: () => void;
    }
  >();
  #nextId = 1;
  #transport: Transport;
  #timeoutMs: number;
  #closed = false;
  #detach: (() => void)[];

  /**
   * Starts listening to the transport.
   *
   * @param transport - the connection to the peer.
   * @param options - `timeoutMs`, the default time limit of a request.
   * @throws RangeError when `timeoutMs` is not a number >= 0 (or `Infinity`).
   * @example
   * const client = new RpcClient(transport, { timeoutMs: 10_000 });
   */
  constructor(transport: Transport, options: RpcClientOptions = {}) {
    this.#timeoutMs = checkTimeout(options.timeoutMs ?? 60_000);
    this.#transport = transport;
    this.#detach = [
      transport.onMessage((message) => this.#receive(message)),
      transport.onClose((error) => this.#shutDown('the transport closed', error)),
    ];
  }

  /**
   * Sends a request and resolves with the `result` of its response.
   *
   * @param method - the method to call, such as `tools/call`.
   * @param params - the parameters; the `params` member is omitted when this is `undefined`.
   * @param options - this request's `timeoutMs` and cancellation `signal`.
   * @returns the response's `result`. Rejects with {@link RpcError}, {@link RpcTimeoutError},
   *   {@link TransportClosedError}, the signal's reason, the error `send` threw, or a `RangeError`
   *   for an invalid `timeoutMs`. Never throws synchronously.
   * @example
   * const result = await client.request('tools/call', { name: 'get_weather', arguments: { city: 'Oslo' } });
   */
  request<R = unknown>(method: string, params?: Params, options: RequestOptions = {}): Promise<R> {
    if (this.#closed) {
      return Promise.reject(new TransportClosedError(`cannot send ${method}: the transport is closed`));
    }
    let timeoutMs: number;
    try {
      timeoutMs = checkTimeout(options.timeoutMs ?? this.#timeoutMs);
    } catch (error) {
      return Promise.reject(error);
    }
    const { signal } = options;
    // An already aborted request is never sent, so there is nothing to cancel on the other side.
    if (signal?.aborted) return Promise.reject(signal.reason);

    const id = this.#nextId++;
    return new Promise<R>((resolve, reject) => {
      const entry = {
        method,
        resolve: resolve as (result: unknown) => void,
        reject,
        timer: undefined as ReturnType<typeof setTimeout> | undefined,
        signal,
        onAbort: () => this.#cancel(id, signal!.reason, reasonText(signal!.reason)),
      };
      if (timeoutMs !== Infinity) {
        entry.timer = setTimeout(
          () => this.#cancel(id, new RpcTimeoutError(method, id, timeoutMs), `timed out after ${timeoutMs} ms`),
          timeoutMs,
        );
      }
      signal?.addEventListener('abort', entry.onAbort);
      // Registered before sending: an in-process transport may deliver the response inside send().
      this.#pending.set(id, entry);
      const request: JsonRpcRequest = { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) };
      try {
        this.#transport.send(request);
      } catch (error) {
        this.#settle(id)?.reject(error);
      }
    });
  }

  /**
   * Sends a notification: no id, no response, nothing pending.
   *
   * @throws TransportClosedError when the transport is closed; whatever `send` throws.
   * @example
   * client.notify('notifications/initialized');
   */
  notify(method: string, params?: Params): void {
    if (this.#closed) throw new TransportClosedError(`cannot send ${method}: the transport is closed`);
    this.#transport.send({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  /**
   * The number of requests still waiting for a response. O(1).
   *
   * @example
   * client.pendingCount; // 0 when idle
   */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /**
   * Stops using the transport: removes the client's listeners from it and rejects every pending
   * request with {@link TransportClosedError}. Later requests reject the same way. Idempotent.
   *
   * @example
   * client.close();
   */
  close(): void {
    this.#shutDown('the client was closed');
  }

  #receive(message: unknown): void {
    if (!isResponse(message)) return;
    // Late (timed out or cancelled), duplicate and unknown ids all miss the map: ignored.
    const entry = this.#settle(message.id);
    if (!entry) return;
    if ('error' in message) entry.reject(new RpcError(message.error));
    else entry.resolve(message.result);
  }

  #cancel(id: RequestId, rejection: unknown, reason: string | undefined): void {
    const entry = this.#settle(id);
    if (!entry) return;
    entry.reject(rejection);
    const params = reason === undefined ? { requestId: id } : { requestId: id, reason };
    try {
      this.#transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params });
    } catch {
      // Best effort: if the notification cannot be sent, the peer's late response is ignored anyway.
    }
  }

  /** Removes a pending request and everything it holds; returns it, or undefined if it was not pending. */
  #settle(id: RequestId) {
    const entry = this.#pending.get(id);
    if (!entry) return undefined;
    this.#pending.delete(id);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.signal?.removeEventListener('abort', entry.onAbort);
    return entry;
  }

  #shutDown(why: string, cause?: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const detach of this.#detach) detach();
    void cause;
  }
}

function checkTimeout(ms: number): number {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    throw new RangeError(`Expected \`timeoutMs\` to be a number >= 0, got ${String(ms)} (${typeof ms})`);
  }
  return ms;
}

function reasonText(reason: unknown): string | undefined {
  if (reason instanceof Error) return reason.message || reason.name;
  return typeof reason === 'string' ? reason : undefined;
}

// A response has a usable id and exactly one of `result` and a well-formed `error`.
function isResponse(
  message: unknown,
): message is { jsonrpc: '2.0'; id: RequestId } & ({ result: unknown } | { error: JsonRpcErrorObject }) {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return false;
  const m = message as Record<string, unknown>;
  if (m.jsonrpc !== '2.0' || 'method' in m) return false;
  if (typeof m.id !== 'string' && typeof m.id !== 'number') return false;
  if ('result' in m) return !('error' in m);
  const error = m.error as Record<string, unknown> | null | undefined;
  return typeof error === 'object' && error !== null && Number.isInteger(error.code) && typeof error.message === 'string';
}
