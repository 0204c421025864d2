// stub-hash: 2160e5c1ae56dd89
// Exercise 02-message-types/json-rpc-server: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 02-message-types/json-rpc-server

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
  /**
   * Creates a server with no methods.
   *
   * @example
   * const server = new JsonRpcServer({ onInternalError: (error, method) => console.error(method, error) });
   */
  constructor(options: JsonRpcServerOptions = {}) {
    // TODO: implement JsonRpcServer.constructor.
    throw new Error('TODO: implement JsonRpcServer.constructor');
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
    // TODO: implement JsonRpcServer.register.
    throw new Error('TODO: implement JsonRpcServer.register');
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
    // TODO: implement JsonRpcServer.handle.
    throw new Error('TODO: implement JsonRpcServer.handle');
  }
}
