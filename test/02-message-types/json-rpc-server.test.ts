import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { JsonRpcError, JsonRpcServer } from '@workbook/02-message-types/json-rpc-server';
import { deferred, flushMicrotasks } from '../support/async.ts';

/** Sends one message text and parses what comes back (`undefined` when nothing is sent). */
async function send(server: JsonRpcServer, raw: string): Promise<unknown> {
  const text = await server.handle(raw);
  if (text === undefined) return undefined;
  expect(typeof text, 'handle() must resolve to a JSON string or to undefined').toBe('string');
  return JSON.parse(text) as unknown;
}

/** A batch answer compared as an unordered set: the specification allows any order. */
function asSet(responses: unknown): string[] {
  expect(Array.isArray(responses), `expected a JSON array of responses, got ${JSON.stringify(responses)}`).toBe(true);
  return (responses as unknown[]).map(canonical).sort();
}

/** JSON text with every object's keys sorted, so that key order does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}


const subtract = (params: unknown): number => {
  if (Array.isArray(params)) return (params[0] as number) - (params[1] as number);
  const named = params as { minuend: number; subtrahend: number };
  return named.minuend - named.subtrahend;
};

/** Ids as JSON carries them (no -0, no NaN), and structured params. */
const anyId = fc.oneof(fc.string(), fc.integer(), fc.constant(null));
const anyParams = fc.oneof(fc.array(fc.jsonValue(), { maxLength: 4 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }));
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

const invalidRequest = (id: string | number | null = null) => ({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id });
const internalError = (id: string | number | null) => ({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id });

describe('answers requests with their result', () => {
  it('answers a request with positional params with its result and the same numeric id', async () => {
    const server = new JsonRpcServer().register('subtract', subtract);
    expect(await send(server, '{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}')).toEqual({ jsonrpc: '2.0', result: 19, id: 1 });
  });

  it('passes named params to the handler as the object that was sent', async () => {
    const handler = vi.fn(subtract);
    const server = new JsonRpcServer().register('subtract', handler);
    expect(await send(server, '{"jsonrpc":"2.0","method":"subtract","params":{"subtrahend":23,"minuend":42},"id":3}')).toEqual({ jsonrpc: '2.0', result: 19, id: 3 });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({ subtrahend: 23, minuend: 42 });
  });

  it('echoes a string id as a string ("1" stays "1", not 1)', async () => {
    const server = new JsonRpcServer().register('ping', () => 'pong');
    expect(await send(server, '{"jsonrpc":"2.0","method":"ping","id":"1"}')).toEqual({ jsonrpc: '2.0', result: 'pong', id: '1' });
  });

  it('answers id 0 and the empty-string id: they are ids, not missing ids', async () => {
    const server = new JsonRpcServer().register('ping', () => 'pong');
    expect(await send(server, '{"jsonrpc":"2.0","method":"ping","id":0}'), 'id 0 is falsy, but it is present').toEqual({ jsonrpc: '2.0', result: 'pong', id: 0 });
    expect(await send(server, '{"jsonrpc":"2.0","method":"ping","id":""}'), 'id "" is falsy, but it is present').toEqual({ jsonrpc: '2.0', result: 'pong', id: '' });
  });

  it('answers a request whose id is null: only a missing id makes a notification', async () => {
    const server = new JsonRpcServer().register('ping', () => 'pong');
    expect(await send(server, '{"jsonrpc":"2.0","method":"ping","id":null}')).toEqual({ jsonrpc: '2.0', result: 'pong', id: null });
  });

  it('sends result null when the handler returns undefined (a response must have a result member)', async () => {
    const server = new JsonRpcServer().register('log', () => undefined);
    const response = await send(server, '{"jsonrpc":"2.0","method":"log","id":7}');
    expect(response, 'JSON.stringify drops undefined members, so turn undefined into null').toEqual({ jsonrpc: '2.0', result: null, id: 7 });
  });

  it('keeps falsy results exactly: 0, false and the empty string', async () => {
    const results: unknown[] = [0, false, ''];
    const server = new JsonRpcServer().register('get', (params) => results[(params as number[])[0]!]);
    for (let i = 0; i < results.length; i++) {
      expect(await send(server, `{"jsonrpc":"2.0","method":"get","params":[${i}],"id":${i}}`)).toEqual({ jsonrpc: '2.0', result: results[i], id: i });
    }
  });

  it('awaits a handler that returns a promise', async () => {
    const server = new JsonRpcServer().register('later', async () => ({ done: true }));
    expect(await send(server, '{"jsonrpc":"2.0","method":"later","id":2}')).toEqual({ jsonrpc: '2.0', result: { done: true }, id: 2 });
  });

  it('calls the handler exactly once, with undefined when params are omitted', async () => {
    const handler = vi.fn(() => 'ok');
    const server = new JsonRpcServer().register('noParams', handler);
    await send(server, '{"jsonrpc":"2.0","method":"noParams","id":1}');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith(undefined);
  });

  it('for any id and params, answers exactly once with the same id and the handler\'s result', async () => {
    await fc.assert(
      fc.asyncProperty(anyId, anyParams, async (id, params) => {
        const handler = vi.fn((p: unknown) => ({ echoed: p }));
        const server = new JsonRpcServer().register('echo', handler);
        const response = await send(server, JSON.stringify({ jsonrpc: '2.0', method: 'echo', params, id }));
        expect(response).toEqual({ jsonrpc: '2.0', id, result: { echoed: roundTrip(params) } });
        expect(handler).toHaveBeenCalledTimes(1);
      }),
    );
  });

  it('register returns the server and a later registration replaces the earlier one', async () => {
    const server = new JsonRpcServer();
    expect(server.register('m', () => 'first')).toBe(server);
    server.register('m', () => 'second');
    expect(await send(server, '{"jsonrpc":"2.0","method":"m","id":1}')).toEqual({ jsonrpc: '2.0', result: 'second', id: 1 });
  });

  it('register throws TypeError for a method name that is not a string or a handler that is not a function', () => {
    const server = new JsonRpcServer();
    expect(() => server.register(42 as unknown as string, () => 1)).toThrow(TypeError);
    expect(() => server.register('m', 'not a function' as unknown as () => unknown)).toThrow(TypeError);
  });
});

describe('never answers a notification', () => {
  it('runs the handler of a notification and sends nothing', async () => {
    const handler = vi.fn();
    const server = new JsonRpcServer().register('update', handler);
    expect(await server.handle('{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}')).toBeUndefined();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith([1, 2, 3, 4, 5]);
  });

  it('sends nothing for a notification of an unknown method', async () => {
    expect(await new JsonRpcServer().handle('{"jsonrpc": "2.0", "method": "foobar"}'), 'no error either: the client asked for no answer').toBeUndefined();
  });

  it('sends nothing when a notification handler throws, whatever it throws', async () => {
    const server = new JsonRpcServer()
      .register('plain', () => {
        throw new Error('boom');
      })
      .register('rpc', () => {
        throw new JsonRpcError(-32602, 'Invalid params');
      })
      .register('rejects', async () => Promise.reject(new Error('later boom')));
    expect(await server.handle('{"jsonrpc":"2.0","method":"plain"}')).toBeUndefined();
    expect(await server.handle('{"jsonrpc":"2.0","method":"rpc","params":[]}')).toBeUndefined();
    expect(await server.handle('{"jsonrpc":"2.0","method":"rejects"}')).toBeUndefined();
  });

  it('for any params, a registered or unknown notification is never answered', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(anyParams, { nil: undefined }), fc.boolean(), async (params, known) => {
        const handler = vi.fn(() => 'ignored');
        const server = new JsonRpcServer().register('known', handler);
        const message = { jsonrpc: '2.0', method: known ? 'known' : 'unknown', ...(params === undefined ? {} : { params }) };
        expect(await server.handle(JSON.stringify(message))).toBeUndefined();
        expect(handler).toHaveBeenCalledTimes(known ? 1 : 0);
      }),
    );
  });

  it('resolves only after an async notification handler has settled', async () => {
    const gate = deferred();
    let finished = false;
    const server = new JsonRpcServer().register('slow', async () => {
      await gate.promise;
      finished = true;
    });
    let settled = false;
    const handled = server.handle('{"jsonrpc":"2.0","method":"slow"}').then((text) => {
      settled = true;
      return text;
    });
    await flushMicrotasks();
    expect(settled, 'handle() resolved before the notification handler finished').toBe(false);
    gate.resolve();
    expect(await handled).toBeUndefined();
    expect(finished).toBe(true);
  });
});

describe('parse errors', () => {
  it('answers invalid JSON with -32700 and id null (the id member present, set to null)', async () => {
    const response = await send(new JsonRpcServer(), '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]');
    expect(response).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    expect(Object.hasOwn(response as object, 'id'), 'a response always has an id member; it is null when the id could not be read').toBe(true);
  });

  it('answers an empty text and a truncated text with -32700', async () => {
    const server = new JsonRpcServer();
    for (const raw of ['', '   ', '{', '{"jsonrpc":"2.0","method":"x","id":1']) {
      expect(await send(server, raw), `for the text ${JSON.stringify(raw)}`).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    }
  });

  it('calls no handler when the text does not parse', async () => {
    const handler = vi.fn();
    const server = new JsonRpcServer().register('sum', handler);
    await server.handle('[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},{"jsonrpc": "2.0", "method"]');
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('invalid requests', () => {
  it('rejects a jsonrpc version other than exactly "2.0", echoing the well-formed id', async () => {
    const handler = vi.fn();
    const server = new JsonRpcServer().register('m', handler);
    expect(await send(server, '{"jsonrpc":"1.0","method":"m","id":1}')).toEqual(invalidRequest(1));
    expect(await send(server, '{"jsonrpc":2.0,"method":"m","id":2}'), 'the number 2.0 is not the string "2.0"').toEqual(invalidRequest(2));
    expect(await send(server, '{"method":"m","id":3}'), 'the jsonrpc member is required').toEqual(invalidRequest(3));
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects a method that is not a string, and answers even without an id', async () => {
    expect(await send(new JsonRpcServer(), '{"jsonrpc": "2.0", "method": 1, "params": "bar"}')).toEqual(invalidRequest(null));
    expect(await send(new JsonRpcServer(), '{"jsonrpc": "2.0", "id": 4}'), 'a request needs a method').toEqual(invalidRequest(4));
  });

  it('rejects params that are not structured (neither an array nor an object)', async () => {
    const handler = vi.fn();
    const server = new JsonRpcServer().register('m', handler);
    for (const params of ['"bar"', '42', 'true', 'null']) {
      expect(await send(server, `{"jsonrpc":"2.0","method":"m","params":${params},"id":9}`), `for params ${params}`).toEqual(invalidRequest(9));
    }
    expect(handler, 'a handler must never see params the specification forbids').not.toHaveBeenCalled();
  });

  it('rejects an id that is neither a string, a number nor null, answering with id null', async () => {
    const server = new JsonRpcServer().register('m', () => 'ok');
    expect(await send(server, '{"jsonrpc":"2.0","method":"m","id":{"a":1}}')).toEqual(invalidRequest(null));
    expect(await send(server, '{"jsonrpc":"2.0","method":"m","id":true}')).toEqual(invalidRequest(null));
    expect(await send(server, '{"jsonrpc":"2.0","method":"m","id":[1]}')).toEqual(invalidRequest(null));
  });

  it('rejects JSON that is not an object: a number, a string, null, true', async () => {
    const server = new JsonRpcServer();
    for (const raw of ['1', '"hello"', 'null', 'true']) {
      expect(await send(server, raw), `for the text ${raw}`).toEqual(invalidRequest(null));
    }
  });

  it('rejects a response object sent to the server', async () => {
    expect(await send(new JsonRpcServer(), '{"jsonrpc":"2.0","result":19,"id":1}')).toEqual(invalidRequest(1));
  });
});

describe('method not found', () => {
  it('answers an unknown method with -32601 and the request id', async () => {
    expect(await send(new JsonRpcServer(), '{"jsonrpc": "2.0", "method": "foobar", "id": "1"}')).toEqual({
      jsonrpc: '2.0',
      error: { code: -32601, message: 'Method not found' },
      id: '1',
    });
  });

  it('does not find Object.prototype members such as toString or __proto__', async () => {
    const server = new JsonRpcServer().register('real', () => 1);
    for (const method of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(await send(server, `{"jsonrpc":"2.0","method":"${method}","id":1}`), `for the method "${method}"`).toEqual({
        jsonrpc: '2.0',
        error: { code: -32601, message: 'Method not found' },
        id: 1,
      });
    }
  });

  it('matches method names exactly, including case', async () => {
    const server = new JsonRpcServer().register('Sum', () => 3);
    expect(await send(server, '{"jsonrpc":"2.0","method":"sum","id":1}')).toEqual({ jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: 1 });
  });
});

describe('errors thrown by handlers', () => {
  it('sends the code, message and data of a thrown JsonRpcError', async () => {
    const server = new JsonRpcServer().register('subtract', () => {
      throw new JsonRpcError(-32602, 'Invalid params', { expected: '[minuend, subtrahend]' });
    });
    expect(await send(server, '{"jsonrpc":"2.0","method":"subtract","params":{},"id":5}')).toEqual({
      jsonrpc: '2.0',
      error: { code: -32602, message: 'Invalid params', data: { expected: '[minuend, subtrahend]' } },
      id: 5,
    });
  });

  it('leaves data out when the JsonRpcError has none, and passes application codes through', async () => {
    const server = new JsonRpcServer().register('pay', async () => {
      throw new JsonRpcError(402, 'Insufficient credit');
    });
    const response = (await send(server, '{"jsonrpc":"2.0","method":"pay","id":"p1"}')) as { error: object };
    expect(response).toEqual({ jsonrpc: '2.0', error: { code: 402, message: 'Insufficient credit' }, id: 'p1' });
    expect(Object.hasOwn(response.error, 'data'), 'error.data must be omitted, not set, when there is none').toBe(false);
  });

  it('turns a plain Error into exactly -32603 "Internal error", with no data', async () => {
    const server = new JsonRpcServer().register('query', () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');
    });
    const text = await server.handle('{"jsonrpc":"2.0","method":"query","id":1}');
    expect(JSON.parse(text!)).toEqual(internalError(1));
    expect(text, 'the message of an internal error must not reach the client').not.toContain('hunter2');
    expect(text, 'a stack trace must not reach the client').not.toMatch(/\bat\b|\.ts:\d+/);
  });

  it('treats a rejected promise and a thrown non-Error value the same way', async () => {
    const server = new JsonRpcServer()
      .register('rejects', async () => Promise.reject(new TypeError('x is undefined')))
      .register('throwsString', () => {
        throw 'secret string';
      });
    expect(await send(server, '{"jsonrpc":"2.0","method":"rejects","id":1}')).toEqual(internalError(1));
    expect(await send(server, '{"jsonrpc":"2.0","method":"throwsString","id":2}')).toEqual(internalError(2));
  });

  it('does not trust a "code" property on other errors (Node system errors have one)', async () => {
    const server = new JsonRpcServer().register('read', () => {
      throw Object.assign(new Error("ENOENT: no such file or directory, open '/etc/app/secret.key'"), { code: 'ENOENT', errno: -2 });
    });
    const text = await server.handle('{"jsonrpc":"2.0","method":"read","id":1}');
    expect(JSON.parse(text!), 'only a JsonRpcError chooses the code the client sees').toEqual(internalError(1));
    expect(text).not.toContain('secret.key');
  });

  it('reports each internal error once to onInternalError, and never a JsonRpcError', async () => {
    const onInternalError = vi.fn();
    const boom = new Error('boom');
    const server = new JsonRpcServer({ onInternalError })
      .register('fails', () => {
        throw boom;
      })
      .register('refuses', () => {
        throw new JsonRpcError(-32602, 'Invalid params');
      });
    await server.handle('{"jsonrpc":"2.0","method":"fails","id":1}');
    expect(onInternalError).toHaveBeenCalledTimes(1);
    expect(onInternalError).toHaveBeenCalledWith(boom, 'fails');
    await server.handle('{"jsonrpc":"2.0","method":"refuses","id":2}');
    expect(onInternalError, 'a JsonRpcError is an answer, not an internal error').toHaveBeenCalledTimes(1);
  });

  it('answers -32603 when the result cannot be turned into JSON, and still answers', async () => {
    const onInternalError = vi.fn();
    const server = new JsonRpcServer({ onInternalError }).register('big', () => 10n);
    expect(await send(server, '{"jsonrpc":"2.0","method":"big","id":1}'), 'JSON.stringify throws on a BigInt').toEqual(internalError(1));
    expect(onInternalError).toHaveBeenCalledTimes(1);
  });

  it('never rejects, even when onInternalError itself throws', async () => {
    const server = new JsonRpcServer({
      onInternalError: () => {
        throw new Error('logger down');
      },
    }).register('fails', () => {
      throw new Error('boom');
    });
    expect(await send(server, '{"jsonrpc":"2.0","method":"fails","id":1}')).toEqual(internalError(1));
  });
});

describe('batches', () => {
  it('answers each request of a batch and skips its notifications', async () => {
    const hello = vi.fn();
    const server = new JsonRpcServer()
      .register('sum', (p) => (p as number[]).reduce((a, b) => a + b, 0))
      .register('notify_hello', hello);
    const response = await send(
      server,
      '[{"jsonrpc":"2.0","method":"sum","params":[1,2],"id":1},{"jsonrpc":"2.0","method":"notify_hello","params":[7]},{"jsonrpc":"2.0","method":"sum","params":[3,4],"id":2}]',
    );
    expect(asSet(response)).toEqual(asSet([
      { jsonrpc: '2.0', result: 3, id: 1 },
      { jsonrpc: '2.0', result: 7, id: 2 },
    ]));
    expect(hello).toHaveBeenCalledTimes(1);
  });

  it('answers nothing at all (not []) to a batch of notifications only, and still runs them', async () => {
    const handler = vi.fn();
    const server = new JsonRpcServer().register('note', handler);
    expect(await server.handle('[{"jsonrpc":"2.0","method":"note","params":[1]},{"jsonrpc":"2.0","method":"note","params":[2]},{"jsonrpc":"2.0","method":"unknown"}]')).toBeUndefined();
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('for any mix of requests and notifications, answers each request id exactly once, and nothing when there is none', async () => {
    const member = fc.record({ notify: fc.boolean(), value: fc.integer() });
    await fc.assert(
      fc.asyncProperty(fc.array(member, { minLength: 1, maxLength: 12 }), async (members) => {
        const server = new JsonRpcServer().register('double', (p) => (p as number[])[0]! * 2);
        const batch = members.map((m, i) =>
          m.notify ? { jsonrpc: '2.0', method: 'double', params: [m.value] } : { jsonrpc: '2.0', method: 'double', params: [m.value], id: i },
        );
        const expected = members.flatMap((m, i) => (m.notify ? [] : [{ jsonrpc: '2.0', result: m.value * 2, id: i }]));
        const text = await server.handle(JSON.stringify(batch));
        if (expected.length === 0) expect(text, 'a batch of notifications only gets no answer at all').toBeUndefined();
        else expect(asSet(JSON.parse(text!))).toEqual(asSet(expected));
      }),
    );
  });

  it('answers an empty array with one Invalid Request object, not with an array', async () => {
    expect(await send(new JsonRpcServer(), '[]')).toEqual(invalidRequest(null));
  });

  it('answers a one-request batch with an array of one response', async () => {
    const server = new JsonRpcServer().register('ping', () => 'pong');
    expect(await send(server, '[{"jsonrpc":"2.0","method":"ping","id":1}]')).toEqual([{ jsonrpc: '2.0', result: 'pong', id: 1 }]);
  });

  it('gives each invalid member its own error and still answers the valid ones', async () => {
    const server = new JsonRpcServer().register('ping', () => 'pong');
    const response = await send(server, '[1,{"jsonrpc":"2.0","method":"ping","id":"a"},{"jsonrpc":"1.0","method":"ping","id":"b"},"x"]');
    expect(asSet(response)).toEqual(asSet([invalidRequest(null), { jsonrpc: '2.0', result: 'pong', id: 'a' }, invalidRequest('b'), invalidRequest(null)]));
  });

  it('treats a nested array as an invalid member, not as a batch inside the batch', async () => {
    const handler = vi.fn(() => 'pong');
    const server = new JsonRpcServer().register('ping', handler);
    expect(await send(server, '[[{"jsonrpc":"2.0","method":"ping","id":1}]]')).toEqual([invalidRequest(null)]);
    expect(handler).not.toHaveBeenCalled();
  });

  it('spoils only the member whose result cannot be serialized', async () => {
    const server = new JsonRpcServer().register('big', () => 1n).register('ping', () => 'pong');
    const response = await send(server, '[{"jsonrpc":"2.0","method":"big","id":1},{"jsonrpc":"2.0","method":"ping","id":2}]');
    expect(asSet(response)).toEqual(asSet([internalError(1), { jsonrpc: '2.0', result: 'pong', id: 2 }]));
  });

  it('runs the members of a batch concurrently: a slow member does not delay the start of the next', async () => {
    const gate = deferred();
    const started: string[] = [];
    const server = new JsonRpcServer()
      .register('slow', async () => {
        started.push('slow');
        await gate.promise;
        return 'slow done';
      })
      .register('fast', () => {
        started.push('fast');
        return 'fast done';
      });
    const handled = server.handle('[{"jsonrpc":"2.0","method":"slow","id":1},{"jsonrpc":"2.0","method":"fast","id":2}]');
    await flushMicrotasks();
    expect(started, 'the second member should start while the first is still waiting').toEqual(['slow', 'fast']);
    gate.resolve();
    expect(asSet(JSON.parse((await handled)!))).toEqual(asSet([
      { jsonrpc: '2.0', result: 'slow done', id: 1 },
      { jsonrpc: '2.0', result: 'fast done', id: 2 },
    ]));
  });
});

describe('every example of section 7 of the specification', () => {
  /** The methods the examples of https://www.jsonrpc.org/specification#examples assume. */
  function specServer() {
    const calls = { update: vi.fn(), notify_hello: vi.fn(), notify_sum: vi.fn() };
    const server = new JsonRpcServer()
      .register('subtract', subtract)
      .register('sum', (p) => (p as number[]).reduce((a, b) => a + b, 0))
      .register('get_data', () => ['hello', 5])
      .register('update', calls.update)
      .register('notify_hello', calls.notify_hello)
      .register('notify_sum', calls.notify_sum);
    return { server, calls };
  }

  it('rpc call with positional parameters', async () => {
    const { server } = specServer();
    expect(await send(server, '{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}')).toEqual({ jsonrpc: '2.0', result: 19, id: 1 });
    expect(await send(server, '{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}')).toEqual({ jsonrpc: '2.0', result: -19, id: 2 });
  });

  it('rpc call with named parameters', async () => {
    const { server } = specServer();
    expect(await send(server, '{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}')).toEqual({ jsonrpc: '2.0', result: 19, id: 3 });
    expect(await send(server, '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 4}')).toEqual({ jsonrpc: '2.0', result: 19, id: 4 });
  });

  it('a Notification', async () => {
    const { server, calls } = specServer();
    expect(await server.handle('{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}')).toBeUndefined();
    expect(await server.handle('{"jsonrpc": "2.0", "method": "foobar"}')).toBeUndefined();
    expect(calls.update).toHaveBeenCalledTimes(1);
  });

  it('rpc call of non-existent method', async () => {
    const { server } = specServer();
    expect(await send(server, '{"jsonrpc": "2.0", "method": "foobar", "id": "1"}')).toEqual({ jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: '1' });
  });

  it('rpc call with invalid JSON', async () => {
    const { server } = specServer();
    expect(await send(server, '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]')).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
  });

  it('rpc call with invalid Request object', async () => {
    const { server } = specServer();
    expect(await send(server, '{"jsonrpc": "2.0", "method": 1, "params": "bar"}')).toEqual({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null });
  });

  it('rpc call Batch, invalid JSON', async () => {
    const { server } = specServer();
    const raw = '[\n  {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},\n  {"jsonrpc": "2.0", "method"\n]';
    expect(await send(server, raw)).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
  });

  it('rpc call with an empty Array', async () => {
    const { server } = specServer();
    expect(await send(server, '[]')).toEqual({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null });
  });

  it('rpc call with an invalid Batch (but not empty)', async () => {
    const { server } = specServer();
    expect(asSet(await send(server, '[1]'))).toEqual(asSet([{ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null }]));
  });

  it('rpc call with invalid Batch', async () => {
    const { server } = specServer();
    const error = { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null };
    expect(asSet(await send(server, '[1,2,3]'))).toEqual(asSet([error, error, error]));
  });

  it('rpc call Batch', async () => {
    const { server, calls } = specServer();
    const raw = `[
        {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
        {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
        {"foo": "boo"},
        {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
        {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
    ]`;
    expect(asSet(await send(server, raw))).toEqual(asSet([
      { jsonrpc: '2.0', result: 7, id: '1' },
      { jsonrpc: '2.0', result: 19, id: '2' },
      { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null },
      { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: '5' },
      { jsonrpc: '2.0', result: ['hello', 5], id: '9' },
    ]));
    expect(calls.notify_hello).toHaveBeenCalledTimes(1);
  });

  it('rpc call Batch (all notifications)', async () => {
    const { server, calls } = specServer();
    const raw = '[\n  {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},\n  {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}\n]';
    expect(await server.handle(raw), 'nothing is returned for all-notification batches').toBeUndefined();
    expect(calls.notify_sum).toHaveBeenCalledWith([1, 2, 4]);
    expect(calls.notify_hello).toHaveBeenCalledWith([7]);
  });
});
