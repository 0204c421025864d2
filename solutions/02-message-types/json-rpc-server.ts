import type { JsonRpcErrorObject, JsonRpcId, JsonRpcResponse } from './messages.ts';

/**
 * An error a method handler throws to send a specific JSON-RPC error response: its `code`,
 * `message` and `data` go to the client as they are. Use the predefined codes where they fit
 * (-32602 for invalid params), -32000 to -32099 for errors of your server, and codes outside
 * -32768..-32000 for your application's own errors.
 *
 * @provided
 * @example
 * server.register('subtract', (params) => {
 *   if (!Array.isArray(params)) throw new JsonRpcError(-32602, 'Invalid params', 'expected [minuend, subtrahend]');
 *   return params[0] - params[1];
 * });
 */
export class JsonRpcError extends Error {
  /** An integer: the kind of error, which clients branch on. */
  readonly code: number;
  /** Anything JSON can carry that helps the client; left out of the response when `undefined`. */
  readonly data?: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    if (!Number.isInteger(code)) throw new TypeError(`Expected \`code\` to be an integer, got ${String(code)} (${typeof code})`);
    this.name = 'JsonRpcError';
    this.code = code;
    this.data = data;
  }
}

/** A method's implementation: receives `params` as sent (or `undefined`), returns the result. */
export type JsonRpcHandler = (params: unknown) => unknown | Promise<unknown>;

/** Options of {@link JsonRpcServer}. */
export interface JsonRpcServerOptions {
  /**
   * Called with every error the client is not told about: a handler that throws anything other
   * than a {@link JsonRpcError} (for a request or a notification), or a result that cannot be
   * turned into JSON. The client only ever sees -32603 "Internal error"; this is where the
   * details go (your logs). An exception thrown here is ignored.
   */
  readonly onInternalError?: (error: unknown, method: string) => void;
}

/**
 * A transport-independent JSON-RPC 2.0 server: give it the text of one incoming message (a
 * single request or notification, or a batch) and it gives back the text to send, or
 * `undefined` when nothing must be sent. It implements the whole specification:
 *
 * - invalid JSON → one -32700 "Parse error" with `id: null`;
 * - anything that is not a valid request object → -32600 "Invalid Request": a `jsonrpc` other
 *   than exactly `"2.0"`, a `method` that is not a string, `params` that are neither an array nor
 *   an object, an `id` that is not a string, a number or `null`. The response echoes the
 *   request's `id` when that id is well formed, so the client can fail that one call, and uses
 *   `null` otherwise;
 * - an unregistered method → -32601 "Method not found";
 * - a handler that throws a {@link JsonRpcError} → that error's code, message and data;
 * - a handler that throws anything else, or returns a result JSON cannot carry → -32603
 *   "Internal error" with no `data`: nothing of the thrown error (message, stack) reaches the
 *   client; it goes to `onInternalError` instead;
 * - a notification (a valid request without an `id` member) is never answered, whatever happens
 *   while handling it, inside a batch too;
 * - a batch (an array) gets an array holding one response per member that needs one; an empty
 *   array is answered with a single -32600 object; a batch of notifications only is answered
 *   with nothing at all (never `[]`).
 *
 * The members of a batch run concurrently; their responses keep the members' order (the
 * specification allows any order). A handler returning `undefined` answers `result: null`.
 *
 * @example
 * const server = new JsonRpcServer().register('subtract', (p) => (p as number[])[0]! - (p as number[])[1]!);
 * await server.handle('{"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}');
 * // '{"jsonrpc":"2.0","id":1,"result":19}'
 * await server.handle('{"jsonrpc":"2.0","method":"subtract","params":[42,23]}');
 * // undefined: a notification is never answered
 */
export class JsonRpcServer {
  // A Map, not a plain object: a method called "toString" or "__proto__" must not find
  // Object.prototype's members.
  #handlers = new Map<string, JsonRpcHandler>();
  #onInternalError: ((error: unknown, method: string) => void) | undefined;

  /**
   * Creates a server with no methods.
   *
   * @example
   * const server = new JsonRpcServer({ onInternalError: (error, method) => console.error(method, error) });
   */
  constructor(options: JsonRpcServerOptions = {}) {
    this.#onInternalError = options.onInternalError;
  }

  /**
   * Registers the handler of a method; registering a method again replaces its handler.
   * Returns the server, so calls chain. O(1).
   *
   * @throws TypeError when `method` is not a string or `handler` is not a function.
   * @example
   * server.register('sum', (params) => (params as number[]).reduce((a, b) => a + b, 0))
   *       .register('notify_hello', () => {});
   */
  register(method: string, handler: JsonRpcHandler): this {
    if (typeof method !== 'string') throw new TypeError(`Expected \`method\` to be a string, got ${String(method)} (${typeof method})`);
    if (typeof handler !== 'function') throw new TypeError(`Expected \`handler\` to be a function, got ${typeof handler}`);
    this.#handlers.set(method, handler);
    return this;
  }

  /**
   * Handles the text of one incoming message and resolves to the JSON text to send back, or
   * `undefined` when nothing must be sent (a notification, or a batch of notifications only).
   * It resolves after every handler the message started has settled, and never rejects. O(n)
   * in the size of the text, plus the handlers' own work.
   *
   * @example
   * await server.handle('[]');
   * // '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request"}}'
   * await server.handle('{"jsonrpc":"2.0","method":"foobar","id":"1"}');
   * // '{"jsonrpc":"2.0","id":"1","error":{"code":-32601,"message":"Method not found"}}'
   */
  async handle(raw: string): Promise<string | undefined> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return JSON.stringify(errorResponse(null, PARSE_ERROR));
    }
    if (!Array.isArray(parsed)) return this.#answer(parsed);
    // "An Array with at least one value": an empty batch is one invalid request, not an empty batch.
    if (parsed.length === 0) return JSON.stringify(errorResponse(null, INVALID_REQUEST));
    const answers = await Promise.all(parsed.map((member) => this.#answer(member)));
    const sent = answers.filter((answer): answer is string => answer !== undefined);
    // The specification forbids an empty array: a batch of notifications gets nothing at all.
    return sent.length === 0 ? undefined : `[${sent.join(',')}]`;
  }

  // Answers one member (or a lone message): the response text, or undefined for a notification.
  // Each response is serialized on its own, so one unserializable result spoils only its member.
  async #answer(value: unknown): Promise<string | undefined> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return JSON.stringify(errorResponse(null, INVALID_REQUEST));
    }
    const message = value as Record<string, unknown>;
    const isNotification = !Object.hasOwn(message, 'id');
    const idIsValid = isNotification || isId(message.id);
    const id: JsonRpcId = !isNotification && idIsValid ? (message.id as JsonRpcId) : null;
    const paramsAreValid = !Object.hasOwn(message, 'params') || (typeof message.params === 'object' && message.params !== null);
    if (message.jsonrpc !== '2.0' || typeof message.method !== 'string' || !idIsValid || !paramsAreValid) {
      // Answered even without an id: the sender cannot be known to have meant a notification.
      return JSON.stringify(errorResponse(id, INVALID_REQUEST));
    }
    const method = message.method;
    const handler = this.#handlers.get(method);
    if (handler === undefined) return isNotification ? undefined : JSON.stringify(errorResponse(id, METHOD_NOT_FOUND));

    let response: JsonRpcResponse;
    try {
      const result = await handler(message.params);
      response = { jsonrpc: '2.0', id, result: result === undefined ? null : result };
    } catch (error) {
      if (error instanceof JsonRpcError) {
        const { code, message: text, data } = error;
        response = errorResponse(id, data === undefined ? { code, message: text } : { code, message: text, data });
      } else {
        this.#report(error, method);
        response = errorResponse(id, INTERNAL_ERROR);
      }
    }
    if (isNotification) return undefined;
    try {
      return JSON.stringify(response);
    } catch (error) {
      // A BigInt, a cycle or a throwing toJSON in the result: the client still gets an answer.
      this.#report(error, method);
      return JSON.stringify(errorResponse(id, INTERNAL_ERROR));
    }
  }

  #report(error: unknown, method: string): void {
    try {
      this.#onInternalError?.(error, method);
    } catch {
      // A failing logger must not turn into a failed response or an unhandled rejection.
    }
  }
}

const PARSE_ERROR: JsonRpcErrorObject = { code: -32700, message: 'Parse error' };
const INVALID_REQUEST: JsonRpcErrorObject = { code: -32600, message: 'Invalid Request' };
const METHOD_NOT_FOUND: JsonRpcErrorObject = { code: -32601, message: 'Method not found' };
const INTERNAL_ERROR: JsonRpcErrorObject = { code: -32603, message: 'Internal error' };

function errorResponse(id: JsonRpcId, error: JsonRpcErrorObject): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error };
}

function isId(value: unknown): value is JsonRpcId {
  return value === null || typeof value === 'string' || typeof value === 'number';
}
