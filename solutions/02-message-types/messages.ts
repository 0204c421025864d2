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
  if (!isId(id)) throw new TypeError(expected('id', 'a string, a finite number or null', id));
  if (typeof method !== 'string') throw new TypeError(expected('method', 'a string', method));
  if (params !== undefined && !isStructured(params)) throw new TypeError(expected('params', 'an array or an object', params));
  return params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
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
  if (typeof method !== 'string') throw new TypeError(expected('method', 'a string', method));
  if (params !== undefined && !isStructured(params)) throw new TypeError(expected('params', 'an array or an object', params));
  return params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
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
  if (!isId(id)) throw new TypeError(expected('id', 'a string, a finite number or null', id));
  return { jsonrpc: '2.0', id, result: result === undefined ? null : result };
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
  if (!isId(id)) throw new TypeError(expected('id', 'a string, a finite number or null', id));
  if (!Number.isInteger(error?.code)) throw new TypeError(expected('error.code', 'an integer', error?.code));
  if (typeof error.message !== 'string') throw new TypeError(expected('error.message', 'a string', error.message));
  const { code, message, data } = error;
  return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } };
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
  if (Array.isArray(value)) return invalid('expected one message object, got an array (a batch: classify each member)', null);
  if (typeof value !== 'object' || value === null) return invalid(`expected a message object, got ${describe(value)}`, null);
  const message = value as Record<string, unknown>;
  const hasId = Object.hasOwn(message, 'id');
  // The id is echoed only when it is well formed, so an error response never carries garbage.
  const echo = hasId && isId(message.id) ? message.id : null;
  if (message.jsonrpc !== '2.0') return invalid(expected('jsonrpc', 'exactly "2.0"', message.jsonrpc), echo);
  if (hasId && !isId(message.id)) return invalid(expected('id', 'a string, a number or null', message.id), null);

  if (Object.hasOwn(message, 'method')) {
    if (typeof message.method !== 'string') return invalid(expected('method', 'a string', message.method), echo);
    if (Object.hasOwn(message, 'result') || Object.hasOwn(message, 'error')) {
      return invalid('a message with a method must not carry result or error', echo);
    }
    if (Object.hasOwn(message, 'params') && !isStructured(message.params)) {
      return invalid(expected('params', 'an array or an object', message.params), echo);
    }
    if (options.mcp) {
      if (hasId && !(typeof message.id === 'string' || Number.isInteger(message.id))) {
        return invalid(expected('id', 'a string or an integer in MCP', message.id), echo);
      }
      if (Object.hasOwn(message, 'params') && Array.isArray(message.params)) {
        return invalid(expected('params', 'an object in MCP', message.params), echo);
      }
    }
    return hasId
      ? { kind: 'request', message: message as unknown as JsonRpcRequest }
      : { kind: 'notification', message: message as unknown as JsonRpcNotification };
  }

  if (!hasId) return invalid('a response needs an id member (null when the request id was unreadable)', null);
  const hasResult = Object.hasOwn(message, 'result');
  const hasError = Object.hasOwn(message, 'error');
  if (hasResult && hasError) return invalid('a response has either result or error, never both', echo);
  if (hasResult) return { kind: 'success', message: message as unknown as JsonRpcSuccess };
  if (!hasError) return invalid('a message needs a method (request or notification) or a result or error (response)', echo);
  const error = message.error;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return invalid(expected('error', 'an object', error), echo);
  const { code, message: text } = error as Record<string, unknown>;
  if (!Number.isInteger(code)) return invalid(expected('error.code', 'an integer', code), echo);
  if (typeof text !== 'string') return invalid(expected('error.message', 'a string', text), echo);
  return { kind: 'error', message: message as unknown as JsonRpcFailure };
}

function invalid(reason: string, id: JsonRpcId): Classified {
  return { kind: 'invalid', reason, id };
}

// JSON cannot carry NaN or Infinity: JSON.stringify turns them into null, a different id.
function isId(value: unknown): value is JsonRpcId {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function isStructured(value: unknown): value is JsonRpcParams {
  return typeof value === 'object' && value !== null;
}

// The one message shape of this module: "Expected `x` to be …, got … (type)".
function expected(member: string, what: string, got: unknown): string {
  return `Expected \`${member}\` to be ${what}, got ${describe(got)}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} (number)`;
  return `${JSON.stringify(value)} (${typeof value})`;
}
