/**
 * The messages module with switchable mistakes, shared by the known-bad implementations in
 * `bad/messages/`. With no flaw switched on it behaves like the reference; each flaw reproduces
 * one mistake candidates make, in the place where they make it.
 */
import type {
  Classified,
  ClassifyOptions,
  JsonRpcErrorObject,
  JsonRpcFailure,
  JsonRpcId,
  JsonRpcNotification,
  JsonRpcParams,
  JsonRpcRequest,
  JsonRpcSuccess,
} from '../../../solutions/02-message-types/messages.ts';

export type Flaw =
  | 'null-id-is-notification'
  | 'truthy-result'
  | 'result-and-error-accepted'
  | 'any-version'
  | 'undefined-result-kept'
  | 'nan-id-accepted'
  | 'mcp-ignored'
  | 'response-without-id-accepted'
  | 'undefined-params-member';

export function flawedMessages(...flaws: Flaw[]) {
  const has = (flaw: Flaw): boolean => flaws.includes(flaw);
  const isId = (value: unknown): value is JsonRpcId =>
    value === null || typeof value === 'string' || (typeof value === 'number' && (has('nan-id-accepted') || Number.isFinite(value)));
  const isStructured = (value: unknown): boolean => typeof value === 'object' && value !== null;
  const expected = (member: string, what: string, got: unknown): string =>
    `Expected \`${member}\` to be ${what}, got ${got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got === 'object' ? 'an object' : `${JSON.stringify(got)} (${typeof got})`}`;
  const invalid = (reason: string, id: JsonRpcId): Classified => ({ kind: 'invalid', reason, id });

  const ErrorCode = { ParseError: -32700, InvalidRequest: -32600, MethodNotFound: -32601, InvalidParams: -32602, InternalError: -32603 } as const;

  function request(id: JsonRpcId, method: string, params?: JsonRpcParams): JsonRpcRequest {
    if (!isId(id)) throw new TypeError(expected('id', 'a string, a finite number or null', id));
    if (typeof method !== 'string') throw new TypeError(expected('method', 'a string', method));
    if (params !== undefined && !isStructured(params)) throw new TypeError(expected('params', 'an array or an object', params));
    if (has('undefined-params-member')) return { jsonrpc: '2.0', id, method, params } as JsonRpcRequest;
    return params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
  }

  function notification(method: string, params?: JsonRpcParams): JsonRpcNotification {
    if (typeof method !== 'string') throw new TypeError(expected('method', 'a string', method));
    if (params !== undefined && !isStructured(params)) throw new TypeError(expected('params', 'an array or an object', params));
    if (has('undefined-params-member')) return { jsonrpc: '2.0', method, params } as JsonRpcNotification;
    return params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
  }

  function success<R>(id: JsonRpcId, result: R): JsonRpcSuccess<R | null> {
    if (!isId(id)) throw new TypeError(expected('id', 'a string, a finite number or null', id));
    if (has('undefined-result-kept')) return { jsonrpc: '2.0', id, result };
    return { jsonrpc: '2.0', id, result: result === undefined ? null : result };
  }

  function failure(id: JsonRpcId, error: JsonRpcErrorObject): JsonRpcFailure {
    if (!isId(id)) throw new TypeError(expected('id', 'a string, a finite number or null', id));
    if (!Number.isInteger(error?.code)) throw new TypeError(expected('error.code', 'an integer', error?.code));
    if (typeof error.message !== 'string') throw new TypeError(expected('error.message', 'a string', error.message));
    const { code, message, data } = error;
    return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } };
  }

  function classify(value: unknown, options: ClassifyOptions = {}): Classified {
    if (Array.isArray(value)) return invalid('expected one message object, got an array', null);
    if (typeof value !== 'object' || value === null) return invalid('expected a message object', null);
    const m = value as Record<string, unknown>;
    let hasId = Object.hasOwn(m, 'id');
    if (has('null-id-is-notification')) hasId = m.id != null;
    const echo = hasId && isId(m.id) ? m.id : null;
    if (!has('any-version') && m.jsonrpc !== '2.0') return invalid(expected('jsonrpc', 'exactly "2.0"', m.jsonrpc), echo);
    if (hasId && !isId(m.id)) return invalid(expected('id', 'a string, a number or null', m.id), null);
    if (Object.hasOwn(m, 'method')) {
      if (typeof m.method !== 'string') return invalid(expected('method', 'a string', m.method), echo);
      if (Object.hasOwn(m, 'result') || Object.hasOwn(m, 'error')) return invalid('a message with a method must not carry result or error', echo);
      if (Object.hasOwn(m, 'params') && !isStructured(m.params)) return invalid(expected('params', 'an array or an object', m.params), echo);
      if (options.mcp && !has('mcp-ignored')) {
        if (hasId && !(typeof m.id === 'string' || Number.isInteger(m.id))) return invalid(expected('id', 'a string or an integer in MCP', m.id), echo);
        if (Array.isArray(m.params)) return invalid(expected('params', 'an object in MCP', m.params), echo);
      }
      return hasId ? { kind: 'request', message: m as unknown as JsonRpcRequest } : { kind: 'notification', message: m as unknown as JsonRpcNotification };
    }
    if (!hasId && !has('response-without-id-accepted')) return invalid('a response needs an id member', null);
    const hasResult = has('truthy-result') ? Boolean(m.result) : Object.hasOwn(m, 'result');
    const hasError = Object.hasOwn(m, 'error');
    if (hasResult && hasError && !has('result-and-error-accepted')) return invalid('a response has either result or error, never both', echo);
    if (hasResult) return { kind: 'success', message: m as unknown as JsonRpcSuccess };
    if (!hasError) return invalid('a message needs a method or a result or error', echo);
    const error = m.error;
    if (typeof error !== 'object' || error === null || Array.isArray(error)) return invalid(expected('error', 'an object', error), echo);
    const { code, message } = error as Record<string, unknown>;
    if (!Number.isInteger(code)) return invalid(expected('error.code', 'an integer', code), echo);
    if (typeof message !== 'string') return invalid(expected('error.message', 'a string', message), echo);
    return { kind: 'error', message: m as unknown as JsonRpcFailure };
  }

  return { ErrorCode, request, notification, success, failure, classify };
}
