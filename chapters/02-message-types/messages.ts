// stub-hash: 1681877765a55ad1
// Exercise 02-message-types/messages: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 02-message-types/messages

/**
 * The four kinds of JSON-RPC 2.0 message as TypeScript types, builders that only make valid
 * ones, and a classifier that turns any parsed JSON value into one of them (or says why not).
 *
 * The types are discriminated by which members are present, exactly as the specification
 * distinguishes them: a request has `method` and `id`, a notification has `method` and no `id`,
 * a response has `id` and exactly one of `result` or `error`. Members a kind must not have are
 * typed `?: never`, so the compiler rejects a response without an `id`, a response with both
 * `result` and `error`, or a notification that carries an `id`.
 */

/**
 * The id of a request. JSON-RPC 2.0 allows a string, a number or `null` (the last is
 * discouraged); MCP narrows it to a string or an integer and forbids `null`.
 */
export type JsonRpcId = string | number | null;

/** Parameters are structured: by position (an array) or by name (an object). */
export type JsonRpcParams = readonly unknown[] | { readonly [name: string]: unknown };

/** A call that expects exactly one response carrying the same `id`. */
export interface JsonRpcRequest {
  readonly jsonrpc: '2.0';
  readonly id: JsonRpcId;
  readonly method: string;
  readonly params?: JsonRpcParams;
  readonly result?: never;
  readonly error?: never;
}

/** A one-way message: it has no `id`, and the receiver must never answer it. */
export interface JsonRpcNotification {
  readonly jsonrpc: '2.0';
  readonly method: string;
  readonly params?: JsonRpcParams;
  readonly id?: never;
  readonly result?: never;
  readonly error?: never;
}

/** What went wrong: an integer `code`, a short `message`, and optional `data`. */
export interface JsonRpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** The answer to a request that succeeded. `result` is required, even when it is `null`. */
export interface JsonRpcSuccess<R = unknown> {
  readonly jsonrpc: '2.0';
  readonly id: JsonRpcId;
  readonly result: R;
  readonly error?: never;
  readonly method?: never;
}

/** The answer to a request that failed. `id` is `null` when the request's id could not be read. */
export interface JsonRpcFailure {
  readonly jsonrpc: '2.0';
  readonly id: JsonRpcId;
  readonly error: JsonRpcErrorObject;
  readonly result?: never;
  readonly method?: never;
}

/** Either answer to a request. */
export type JsonRpcResponse<R = unknown> = JsonRpcSuccess<R> | JsonRpcFailure;

/** Any single JSON-RPC 2.0 message. */
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse;

/** The result of {@link classify}: the kind, and the message typed as that kind. */
export type Classified =
  | { readonly kind: 'request'; readonly message: JsonRpcRequest }
  | { readonly kind: 'notification'; readonly message: JsonRpcNotification }
  | { readonly kind: 'success'; readonly message: JsonRpcSuccess }
  | { readonly kind: 'error'; readonly message: JsonRpcFailure }
  | {
      readonly kind: 'invalid';
      /** One sentence naming the member at fault, for logs and for an error response's `data`. */
      readonly reason: string;
      /** The id to answer with: the value's own id when it is a well-formed one, otherwise `null`. */
      readonly id: JsonRpcId;
    };

/** Options of {@link classify}. */
export interface ClassifyOptions {
  /**
   * Apply the Model Context Protocol's restrictions on top of JSON-RPC 2.0: a request's id must be
   * a string or an integer (never `null`), and `params`, when present, must be an object.
   */
  readonly mcp?: boolean;
}

/**
 * The error codes JSON-RPC 2.0 predefines. Codes from -32768 to -32000 are reserved; -32099 to
 * -32000 are left to implementations ("server error"); everything else is free for applications.
 *
 * @provided
 * @example
 * failure(1, { code: ErrorCode.MethodNotFound, message: 'Method not found' });
 */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
} as const;

/**
 * Builds a request. `params` is left out of the message when not given (not set to `undefined`).
 * O(1).
 *
 * @throws TypeError when `id` is not a string, a finite number or `null` (a `NaN` id would be
 *   sent as `null`), when `method` is not a string, or when `params` is neither an array nor an
 *   object.
 * @example
 * request(1, 'subtract', [42, 23]);
 * // { jsonrpc: '2.0', id: 1, method: 'subtract', params: [42, 23] }
 */
export function request(id: JsonRpcId, method: string, params?: JsonRpcParams): JsonRpcRequest {
  // TODO: implement request.
  throw new Error('TODO: implement request');
}

/**
 * Builds a notification: a request without an `id`, which the receiver never answers. O(1).
 *
 * @throws TypeError when `method` is not a string, or `params` is neither an array nor an object.
 * @example
 * notification('notifications/progress', { progressToken: 't1', progress: 50 });
 * // { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 't1', progress: 50 } }
 */
export function notification(method: string, params?: JsonRpcParams): JsonRpcNotification {
  // TODO: implement notification.
  throw new Error('TODO: implement notification');
}

/**
 * Builds a success response. A `result` of `undefined` becomes `null`, because a response must
 * carry a `result` member and JSON has no `undefined` (`JSON.stringify` would drop the member).
 * O(1).
 *
 * @throws TypeError when `id` is not a string, a finite number or `null`.
 * @example
 * success(1, 19);        // { jsonrpc: '2.0', id: 1, result: 19 }
 * success('a', undefined); // { jsonrpc: '2.0', id: 'a', result: null }
 */
export function success<R>(id: JsonRpcId, result: R): JsonRpcSuccess<R | null> {
  // TODO: implement success.
  throw new Error('TODO: implement success');
}

/**
 * Builds an error response. `data` is left out when it is `undefined`. O(1).
 *
 * @throws TypeError when `id` is not a string, a finite number or `null`, when `error.code` is
 *   not an integer, or when `error.message` is not a string.
 * @example
 * failure(null, { code: ErrorCode.ParseError, message: 'Parse error' });
 * // { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }
 */
export function failure(id: JsonRpcId, error: JsonRpcErrorObject): JsonRpcFailure {
  // TODO: implement failure.
  throw new Error('TODO: implement failure');
}

/**
 * Tells which kind of JSON-RPC 2.0 message a parsed JSON value is, and hands it back typed as
 * that kind (the same object, not a copy). Never throws: a value that is no valid message comes
 * back as `{ kind: 'invalid', reason, id }`. Members the specification does not define are
 * ignored. O(1) (params and results are not walked).
 *
 * The rules: the value is an object (not an array: a batch is classified member by member) whose
 * `jsonrpc` is exactly `"2.0"`. With a string `method` it is a request when it has an `id`
 * member (a string, a number or `null`) and a notification when it has none; `params`, if
 * present, is an array or an object, and `result` and `error` are absent. Without `method` it is
 * a response: `id` is present (a string, a number or `null`), and exactly one of `result` or
 * `error` is; an error has an integer `code` and a string `message`.
 *
 * The `reason` of an invalid value is one sentence. When a member has the wrong value it reads
 * ``Expected `member` to be …, got …`` and names the value found (`got "1.0" (string)`);
 * when something is missing or combined wrongly it says so in plain words.
 *
 * @param options - `{ mcp: true }` adds MCP's restrictions (see {@link ClassifyOptions}).
 * @example
 * classify(JSON.parse('{"jsonrpc":"2.0","method":"ping","id":0}')).kind;  // 'request'
 * classify({ jsonrpc: '2.0', method: 'initialized' }).kind;              // 'notification'
 * classify({ jsonrpc: '2.0', id: 1, result: null }).kind;                // 'success'
 * classify({ jsonrpc: '2.0', result: 1 });
 * // { kind: 'invalid', reason: 'a response needs an id member (null when the request id was unreadable)', id: null }
 */
export function classify(value: unknown, options: ClassifyOptions = {}): Classified {
  // TODO: implement classify.
  throw new Error('TODO: implement classify');
}
