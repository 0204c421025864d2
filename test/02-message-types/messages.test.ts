import { describe, expect, it } from 'vitest';
import {
  classify,
  ErrorCode,
  failure,
  notification,
  request,
  success,
  type JsonRpcFailure,
  type JsonRpcMessage,
  type JsonRpcNotification,
  type JsonRpcRequest,
  type JsonRpcResponse,
  type JsonRpcSuccess,
} from '@workbook/02-message-types/messages';

/** What a message looks like on the wire: builders must not leave undefined members behind. */
function wire(message: unknown): unknown {
  return JSON.parse(JSON.stringify(message)) as unknown;
}

describe('builds each kind of message', () => {
  it('request: jsonrpc "2.0", the id, the method and the params', () => {
    expect(request(1, 'subtract', [42, 23])).toStrictEqual({ jsonrpc: '2.0', id: 1, method: 'subtract', params: [42, 23] });
    expect(request('r-1', 'tools/call', { name: 'search' })).toStrictEqual({ jsonrpc: '2.0', id: 'r-1', method: 'tools/call', params: { name: 'search' } });
  });

  it('request and notification leave params out when none are given', () => {
    const req = request(0, 'ping');
    expect(req).toStrictEqual({ jsonrpc: '2.0', id: 0, method: 'ping' });
    expect(Object.hasOwn(req, 'params'), 'omit the member instead of setting it to undefined').toBe(false);
    const note = notification('notifications/initialized');
    expect(note).toStrictEqual({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(Object.hasOwn(note, 'params')).toBe(false);
  });

  it('notification has no id member at all', () => {
    const note = notification('$/cancelRequest', { id: 7 });
    expect(note).toStrictEqual({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 7 } });
    expect(Object.hasOwn(note, 'id'), 'a notification is recognised by the absence of id').toBe(false);
  });

  it('success carries the result, and turns an undefined result into null', () => {
    expect(success(1, 19)).toStrictEqual({ jsonrpc: '2.0', id: 1, result: 19 });
    expect(success('a', undefined)).toStrictEqual({ jsonrpc: '2.0', id: 'a', result: null });
    expect(wire(success(2, undefined)), 'on the wire the result member must survive JSON.stringify').toStrictEqual({ jsonrpc: '2.0', id: 2, result: null });
    expect(success(3, false)).toStrictEqual({ jsonrpc: '2.0', id: 3, result: false });
  });

  it('failure carries the error object, with data only when given', () => {
    expect(failure(null, { code: ErrorCode.ParseError, message: 'Parse error' })).toStrictEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    });
    const withData = failure(4, { code: ErrorCode.InvalidParams, message: 'Invalid params', data: { field: 'a' } });
    expect(withData).toStrictEqual({ jsonrpc: '2.0', id: 4, error: { code: -32602, message: 'Invalid params', data: { field: 'a' } } });
    const noData = failure(5, { code: -32000, message: 'Server error', data: undefined });
    expect(Object.hasOwn(noData.error, 'data'), 'leave data out when it is undefined').toBe(false);
  });

  it('rejects ids JSON cannot carry faithfully, and non-string methods', () => {
    expect(() => request(Number.NaN, 'x'), 'JSON.stringify(NaN) is null: a different id').toThrow(TypeError);
    expect(() => request(Number.POSITIVE_INFINITY, 'x')).toThrow(TypeError);
    expect(() => success(Number.NaN, 1)).toThrow(TypeError);
    expect(() => request({} as unknown as string, 'x')).toThrow(TypeError);
    expect(() => request(1, 42 as unknown as string)).toThrow(TypeError);
    expect(() => notification(42 as unknown as string)).toThrow(TypeError);
  });

  it('rejects params that are not structured, and error codes that are not integers', () => {
    expect(() => request(1, 'x', 'bar' as unknown as [])).toThrow(TypeError);
    expect(() => notification('x', null as unknown as [])).toThrow(TypeError);
    expect(() => failure(1, { code: 1.5, message: 'half' })).toThrow(TypeError);
    expect(() => failure(1, { code: -32000, message: 42 as unknown as string })).toThrow(TypeError);
  });

  it('throws TypeErrors whose message names the member, in the one shape "Expected `member` to be …"', () => {
    expect(() => request(Number.NaN, 'x')).toThrow(/^Expected `id` to be /);
    expect(() => notification('x', 'bar' as unknown as [])).toThrow(/^Expected `params` to be /);
  });

  it('names the member in every TypeError: method, params, id, error.code and error.message', () => {
    expect(() => request(1, 42 as unknown as string)).toThrow(/^Expected `method` to be /);
    expect(() => request(1, 'x', 'bar' as unknown as [])).toThrow(/^Expected `params` to be /);
    expect(() => notification(42 as unknown as string)).toThrow(/^Expected `method` to be /);
    expect(() => success(Number.NaN, 1)).toThrow(/^Expected `id` to be /);
    expect(() => failure(1, { code: 1.5, message: 'half' })).toThrow(/^Expected `error.code` to be /);
    expect(() => failure(1, { code: -32000, message: 42 as unknown as string })).toThrow(/^Expected `error.message` to be /);
  });

  it('failure rejects an id JSON cannot carry faithfully', () => {
    expect(() => failure(Number.NaN, { code: -32603, message: 'Internal error' })).toThrow(TypeError);
    expect(() => failure(Number.NaN, { code: -32603, message: 'Internal error' })).toThrow(/^Expected `id` to be /);
  });
});

describe('classifies valid messages', () => {
  it('a request, a notification, a success and an error', () => {
    expect(classify(JSON.parse('{"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}'))).toMatchObject({ kind: 'request' });
    expect(classify(JSON.parse('{"jsonrpc":"2.0","method":"update","params":[1,2,3]}'))).toMatchObject({ kind: 'notification' });
    expect(classify(JSON.parse('{"jsonrpc":"2.0","result":19,"id":1}'))).toMatchObject({ kind: 'success' });
    expect(classify(JSON.parse('{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":"1"}'))).toMatchObject({ kind: 'error' });
  });

  it('hands back the same object, typed as its kind', () => {
    const value: unknown = JSON.parse('{"jsonrpc":"2.0","method":"ping","id":"p"}');
    const classified = classify(value);
    expect(classified).toStrictEqual({ kind: 'request', message: value });
    if (classified.kind === 'request') expect(classified.message).toBe(value);
  });

  it('treats id 0, id "" and id null as present: requests, not notifications', () => {
    for (const id of ['0', '""', 'null']) {
      expect(classify(JSON.parse(`{"jsonrpc":"2.0","method":"m","id":${id}}`)).kind, `for id ${id}`).toBe('request');
    }
  });

  it('treats falsy results as results: null, 0, false and ""', () => {
    for (const result of ['null', '0', 'false', '""']) {
      expect(classify(JSON.parse(`{"jsonrpc":"2.0","result":${result},"id":1}`)).kind, `for result ${result}`).toBe('success');
    }
  });

  it('accepts an error response with id null and with data, and ignores unknown members', () => {
    expect(classify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }).kind).toBe('error');
    expect(classify({ jsonrpc: '2.0', id: 1, error: { code: 1, message: 'm', data: [1] } }).kind).toBe('error');
    expect(classify({ jsonrpc: '2.0', method: 'm', extra: true }).kind).toBe('notification');
  });

  it('classifies what the builders build as the matching kind', () => {
    expect(classify(request(1, 'a')).kind).toBe('request');
    expect(classify(notification('a', [1])).kind).toBe('notification');
    expect(classify(success(1, undefined)).kind).toBe('success');
    expect(classify(failure(1, { code: -32603, message: 'Internal error' })).kind).toBe('error');
  });
});

describe('rejects what is not a message, saying why', () => {
  it('values that are not objects, and arrays (a batch is classified member by member)', () => {
    for (const value of [1, 'x', null, true, undefined, []]) {
      expect(classify(value), `for ${JSON.stringify(value)}`).toMatchObject({ kind: 'invalid', id: null });
    }
  });

  it('a jsonrpc member other than exactly "2.0"', () => {
    const old = classify({ jsonrpc: '1.0', method: 'm', id: 1 });
    expect(old).toMatchObject({ kind: 'invalid', id: 1 });
    expect(old.kind === 'invalid' && old.reason, 'the reason names the member and the value found').toMatch(/^Expected `jsonrpc` to be .+, got .*1\.0/);
    expect(classify({ method: 'm', id: 2 })).toMatchObject({ kind: 'invalid', id: 2 });
    expect(classify({ jsonrpc: 2, method: 'm' })).toMatchObject({ kind: 'invalid', id: null });
  });

  it('a method that is not a string, and params that are not structured', () => {
    expect(classify({ jsonrpc: '2.0', method: 1, params: 'bar' })).toMatchObject({ kind: 'invalid', id: null });
    const params = classify({ jsonrpc: '2.0', method: 'm', params: 'bar', id: 3 });
    expect(params).toMatchObject({ kind: 'invalid', id: 3 });
    expect(params.kind === 'invalid' && params.reason, 'the reason names the member and the value found').toMatch(/^Expected `params` to be .+, got .*bar/);
    expect(classify({ jsonrpc: '2.0', method: 'm', params: null })).toMatchObject({ kind: 'invalid' });
  });

  it('an id that is neither a string, a number nor null, reported with id null', () => {
    const badId = classify({ jsonrpc: '2.0', method: 'm', id: { a: 1 } });
    expect(badId, 'a malformed id is never echoed').toMatchObject({ kind: 'invalid', id: null });
    expect(badId.kind === 'invalid' && badId.reason).toMatch(/^Expected `id` to be .+, got .+$/);
    expect(classify({ jsonrpc: '2.0', result: 1, id: true })).toMatchObject({ kind: 'invalid', id: null });
  });

  it('a response without an id member', () => {
    expect(classify({ jsonrpc: '2.0', result: 1 })).toMatchObject({ kind: 'invalid', id: null });
    expect(classify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' } })).toMatchObject({ kind: 'invalid', id: null });
  });

  it('a response with both result and error, or with neither', () => {
    expect(classify({ jsonrpc: '2.0', id: 1, result: 1, error: { code: 1, message: 'm' } })).toMatchObject({ kind: 'invalid', id: 1 });
    expect(classify({ jsonrpc: '2.0', id: 2 })).toMatchObject({ kind: 'invalid', id: 2 });
    expect(classify({ jsonrpc: '2.0', id: 3, method: 'm', result: 1 }), 'a method with a result is neither kind').toMatchObject({ kind: 'invalid', id: 3 });
  });

  it('an error object without an integer code or a string message', () => {
    expect(classify({ jsonrpc: '2.0', id: 1, error: 'boom' })).toMatchObject({ kind: 'invalid', id: 1 });
    expect(classify({ jsonrpc: '2.0', id: 1, error: { code: '-32600', message: 'x' } })).toMatchObject({ kind: 'invalid', id: 1 });
    expect(classify({ jsonrpc: '2.0', id: 1, error: { code: 1.5, message: 'x' } })).toMatchObject({ kind: 'invalid', id: 1 });
    expect(classify({ jsonrpc: '2.0', id: 1, error: { code: 1 } })).toMatchObject({ kind: 'invalid', id: 1 });
  });

  it('every reason is one sentence in the shape "Expected `member` …" or names what is missing', () => {
    const reasons = [
      { jsonrpc: '1.0', method: 'm' },
      { jsonrpc: '2.0', method: 7 },
      { jsonrpc: '2.0', id: 1, error: { code: 'x', message: 'm' } },
    ].map((value) => {
      const classified = classify(value);
      return classified.kind === 'invalid' ? classified.reason : `not invalid: ${classified.kind}`;
    });
    for (const reason of reasons) expect(reason).toMatch(/^Expected `[a-z.]+` to be .+, got .+$/);
  });

  it('gives a reason in plain words for every kind of invalid value', () => {
    const values = [
      42,
      'x',
      [],
      { jsonrpc: '2.0', result: 1 },
      { jsonrpc: '2.0', id: 1, result: 1, error: { code: 1, message: 'm' } },
      { jsonrpc: '2.0', id: 2 },
      { jsonrpc: '2.0', id: 3, method: 'm', result: 1 },
    ];
    for (const value of values) {
      const classified = classify(value);
      expect(classified.kind, `classify(${JSON.stringify(value)})`).toBe('invalid');
      const reason = classified.kind === 'invalid' ? classified.reason : '';
      expect(reason.trim().length, `classify(${JSON.stringify(value)}) should say why in one sentence, got ${JSON.stringify(reason)}`).toBeGreaterThan(0);
      expect(reason).not.toMatch(/\n/);
    }
  });

  it('says that an array is a batch, to classify member by member', () => {
    const classified = classify([{ jsonrpc: '2.0', method: 'm' }]);
    expect(classified.kind === 'invalid' && classified.reason, 'the reason should mention the array or batch it got').toMatch(/array|batch/i);
  });

  it('a message with a method that also carries an error', () => {
    expect(classify({ jsonrpc: '2.0', id: 4, method: 'm', error: { code: 1, message: 'm' } })).toMatchObject({ kind: 'invalid', id: 4 });
  });

  it('never echoes a malformed id, even when jsonrpc is wrong too', () => {
    expect(classify({ jsonrpc: '1.0', method: 'm', id: { a: 1 } })).toMatchObject({ kind: 'invalid', id: null });
  });

  it('an error member that is null or not an object, named in the reason', () => {
    expect(classify({ jsonrpc: '2.0', id: 1, error: null })).toMatchObject({ kind: 'invalid', id: 1 });
    const boom = classify({ jsonrpc: '2.0', id: 1, error: 'boom' });
    expect(boom.kind === 'invalid' && boom.reason).toMatch(/^Expected `error` to be .+, got .*boom/);
    const list = classify({ jsonrpc: '2.0', id: 1, error: [1] });
    expect(list.kind === 'invalid' && list.reason).toMatch(/^Expected `error` to be /);
  });

  it('an error message that is not a string, named in the reason', () => {
    const classified = classify({ jsonrpc: '2.0', id: 1, error: { code: 1, message: 2 } });
    expect(classified).toMatchObject({ kind: 'invalid', id: 1 });
    expect(classified.kind === 'invalid' && classified.reason).toMatch(/^Expected `error.message` to be /);
  });
});

describe("applies MCP's stricter rules when asked", () => {
  it('rejects a null id in MCP, which plain JSON-RPC allows', () => {
    const value = { jsonrpc: '2.0', method: 'tools/list', id: null };
    expect(classify(value).kind).toBe('request');
    expect(classify(value, { mcp: true })).toMatchObject({ kind: 'invalid', id: null });
  });

  it('rejects a fractional id and positional params in MCP', () => {
    expect(classify({ jsonrpc: '2.0', method: 'ping', id: 1.5 }).kind).toBe('request');
    expect(classify({ jsonrpc: '2.0', method: 'ping', id: 1.5 }, { mcp: true })).toMatchObject({ kind: 'invalid', id: 1.5 });
    expect(classify({ jsonrpc: '2.0', method: 'tools/call', params: ['search'], id: 1 }, { mcp: true })).toMatchObject({ kind: 'invalid', id: 1 });
  });

  it('names the member MCP rejects in the reason', () => {
    const id = classify({ jsonrpc: '2.0', method: 'ping', id: 1.5 }, { mcp: true });
    expect(id.kind === 'invalid' && id.reason).toMatch(/^Expected `id` to be .+, got .*1\.5/);
    const params = classify({ jsonrpc: '2.0', method: 'tools/call', params: ['search'], id: 1 }, { mcp: true });
    expect(params.kind === 'invalid' && params.reason).toMatch(/^Expected `params` to be .+, got /);
  });

  it('accepts what MCP allows', () => {
    expect(classify({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'search' }, id: 'abc' }, { mcp: true }).kind).toBe('request');
    expect(classify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'abc' } }, { mcp: true }).kind).toBe('notification');
  });
});

describe('the types reject incomplete messages, and so does classify', () => {
  it('a response without an id neither compiles nor classifies', () => {
    // @ts-expect-error a response must carry the id of the request it answers
    const noId: JsonRpcResponse = { jsonrpc: '2.0', result: 19 };
    expect(classify(noId).kind).toBe('invalid');
  });

  it('a response with both result and error neither compiles nor classifies', () => {
    // @ts-expect-error a response carries either result or error, never both
    const both: JsonRpcResponse = { jsonrpc: '2.0', id: 1, result: 19, error: { code: -32603, message: 'Internal error' } };
    expect(classify(both).kind).toBe('invalid');
  });

  it('a success without a result, and an error object without a code, do not compile', () => {
    // @ts-expect-error result is required on success, even when it is null
    const noResult: JsonRpcSuccess = { jsonrpc: '2.0', id: 1 };
    // @ts-expect-error error.code is required
    const noCode: JsonRpcFailure = { jsonrpc: '2.0', id: 1, error: { message: 'x' } };
    expect(classify(noResult).kind).toBe('invalid');
    expect(classify(noCode).kind).toBe('invalid');
  });

  it('a notification with an id, and a request without one, do not compile', () => {
    // @ts-expect-error a notification has no id: an id would make it a request
    const noteWithId: JsonRpcNotification = { jsonrpc: '2.0', method: 'update', id: 1 };
    // @ts-expect-error a request needs an id
    const requestWithoutId: JsonRpcRequest = { jsonrpc: '2.0', method: 'subtract' };
    expect(classify(noteWithId).kind, 'at runtime it is simply a request').toBe('request');
    expect(classify(requestWithoutId).kind, 'at runtime it is simply a notification').toBe('notification');
  });

  it('another protocol version does not compile', () => {
    // @ts-expect-error jsonrpc is exactly "2.0"
    const old: JsonRpcMessage = { jsonrpc: '1.0', method: 'm', id: 1 };
    expect(classify(old).kind).toBe('invalid');
  });

  it('narrowing on kind gives typed access to each kind\'s members', () => {
    const classified = classify({ jsonrpc: '2.0', id: 'x', error: { code: -32601, message: 'Method not found' } });
    if (classified.kind !== 'error') throw new Error(`expected kind "error", got "${classified.kind}"`);
    const code: number = classified.message.error.code;
    expect(code).toBe(-32601);
  });
});
