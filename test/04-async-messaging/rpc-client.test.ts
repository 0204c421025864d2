import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type OutgoingMessage,
  RpcClient,
  RpcError,
  RpcTimeoutError,
  type Transport,
  TransportClosedError,
} from '@workbook/04-async-messaging/rpc-client';
import { deferred, failOnUnhandledRejections, flushMicrotasks, track } from '../support/async.ts';

failOnUnhandledRejections();

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** An in-memory transport: records what the client sends; the test plays the server. */
class FakeTransport implements Transport {
  readonly sent: OutgoingMessage[] = [];
  /** Called inside send(), for a server that answers synchronously. */
  answer: ((message: OutgoingMessage) => void) | undefined;
  /** When set, send() throws it. */
  failure: Error | undefined;
  readonly #messageListeners = new Set<(message: unknown) => void>();
  readonly #closeListeners = new Set<(error?: Error) => void>();

  send(message: OutgoingMessage): void {
    if (this.failure) throw this.failure;
    this.sent.push(structuredClone(message));
    this.answer?.(message);
  }

  onMessage(listener: (message: unknown) => void): () => void {
    this.#messageListeners.add(listener);
    return () => this.#messageListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** Delivers a message from the server. */
  deliver(message: unknown): void {
    for (const listener of [...this.#messageListeners]) listener(message);
  }

  /** Ends the connection, as a crashed server or a dropped socket would. */
  close(error?: Error): void {
    for (const listener of [...this.#closeListeners]) listener(error);
  }

  get listenerCount(): number {
    return this.#messageListeners.size + this.#closeListeners.size;
  }

  /** The requests sent so far (messages with an id). */
  get requests(): { id: string | number; method: string; params?: unknown }[] {
    return this.sent.filter((m): m is OutgoingMessage & { id: string | number } => 'id' in m);
  }

  /** The notifications/cancelled messages sent so far. */
  get cancellations(): OutgoingMessage[] {
    return this.sent.filter((m) => m.method === 'notifications/cancelled');
  }

  /** The id of the n-th request (0-based). */
  idOf(n: number): string | number {
    const request = this.requests[n];
    if (!request) throw new Error(`expected at least ${n + 1} request(s) to have been sent, got ${this.requests.length}`);
    return request.id;
  }

  reply(id: string | number, result: unknown): void {
    this.deliver({ jsonrpc: '2.0', id, result });
  }
}

function setUp(options?: { timeoutMs?: number }): { transport: FakeTransport; client: RpcClient } {
  const transport = new FakeTransport();
  return { transport, client: new RpcClient(transport, options) };
}

function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

describe('sends requests and correlates responses', () => {
  it('sends one JSON-RPC 2.0 request with an id, the method and the params', () => {
    const { transport, client } = setUp();
    track(client.request('tools/call', { name: 'search' }));
    expect(transport.sent).toHaveLength(1);
    const request = transport.sent[0] as unknown as Record<string, unknown>;
    expect(request).toEqual({ jsonrpc: '2.0', id: request.id, method: 'tools/call', params: { name: 'search' } });
    expect(['string', 'number'], 'a JSON-RPC id is a string or a number (MCP forbids null)').toContain(typeof request.id);
  });

  it('omits params when none are given', () => {
    const { transport, client } = setUp();
    track(client.request('tools/list'));
    expect(Object.keys(transport.sent[0]!).sort(), 'a request without params should have no params member').toEqual(['id', 'jsonrpc', 'method']);
  });

  it('resolves with the result of the response that carries its id', async () => {
    const { transport, client } = setUp();
    const result = track(client.request('tools/list'));
    transport.reply(transport.idOf(0), { tools: ['search'] });
    await flushMicrotasks();
    expect(result).toEqual({ status: 'fulfilled', value: { tools: ['search'] } });
    expect(client.pendingCount).toBe(0);
  });

  it('matches responses that arrive out of order to the right requests', async () => {
    const { transport, client } = setUp();
    const first = track(client.request('first'));
    const second = track(client.request('second'));
    transport.reply(transport.idOf(1), 'answer to second');
    transport.reply(transport.idOf(0), 'answer to first');
    await flushMicrotasks();
    expect(first.value).toBe('answer to first');
    expect(second.value).toBe('answer to second');
  });

  it('never reuses an id, even after earlier requests completed', async () => {
    const { transport, client } = setUp();
    for (let i = 0; i < 3; i++) track(client.request(`m${i}`));
    transport.reply(transport.idOf(0), 'done');
    await flushMicrotasks();
    for (let i = 3; i < 6; i++) track(client.request(`m${i}`));
    const ids = transport.requests.map((r) => r.id);
    expect(new Set(ids).size, `every request needs its own id, got ${ids.join(', ')}`).toBe(6);
  });

  it('resolves a request whose response arrives synchronously, inside send()', async () => {
    const { transport, client } = setUp();
    transport.answer = (message) => {
      if ('id' in message) transport.reply(message.id, 'instant');
    };
    const result = track(client.request('ping'));
    await flushMicrotasks();
    expect(result.status, 'an in-process transport can answer before send() returns: register the request before sending').toBe('fulfilled');
    expect(result.value).toBe('instant');
    expect(client.pendingCount).toBe(0);
  });

  it('notify sends a notification, with no id, and leaves nothing pending', () => {
    const { transport, client } = setUp();
    client.notify('notifications/initialized');
    client.notify('notifications/progress', { progressToken: 'abc', progress: 1 });
    expect(transport.sent).toEqual([
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'abc', progress: 1 } },
    ]);
    expect(client.pendingCount).toBe(0);
  });

  it('notify omits params when none are given', () => {
    const { transport, client } = setUp();
    client.notify('notifications/initialized');
    expect(Object.keys(transport.sent[0]!).sort(), 'a notification without params should have no params member').toEqual(['jsonrpc', 'method']);
  });
});

describe('rejects error responses with RpcError', () => {
  it('rejects with an RpcError carrying the code, message and data', async () => {
    const { transport, client } = setUp();
    const result = track(client.request('tools/call'));
    transport.deliver({ jsonrpc: '2.0', id: transport.idOf(0), error: { code: -32602, message: 'Unknown tool: search', data: { tool: 'search' } } });
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    const error = result.reason as RpcError;
    expect(error, 'error responses should reject with the exported RpcError class').toBeInstanceOf(RpcError);
    expect(error).toBeInstanceOf(Error);
    expect({ code: error.code, message: error.message, data: error.data }).toEqual({
      code: -32602,
      message: 'Unknown tool: search',
      data: { tool: 'search' },
    });
    expect(client.pendingCount).toBe(0);
  });
});

describe('times out each request', () => {
  it('rejects with RpcTimeoutError at the client default time limit, not a millisecond earlier', async () => {
    const { transport, client } = setUp({ timeoutMs: 1_000 });
    const result = track(client.request('slow'));
    await vi.advanceTimersByTimeAsync(999);
    expect(result.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(result.reason, 'a request with no response in time should reject with RpcTimeoutError').toBeInstanceOf(RpcTimeoutError);
    const error = result.reason as RpcTimeoutError;
    expect({ method: error.method, requestId: error.requestId, ms: error.ms }).toEqual({ method: 'slow', requestId: transport.idOf(0), ms: 1_000 });
    expect(client.pendingCount).toBe(0);
  });

  it('uses a per-request timeoutMs over the default', async () => {
    const { client } = setUp({ timeoutMs: 1_000 });
    const quick = track(client.request('quick', undefined, { timeoutMs: 50 }));
    const patient = track(client.request('patient', undefined, { timeoutMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(quick.reason).toBeInstanceOf(RpcTimeoutError);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(patient.status, 'a request with timeoutMs 5000 should still wait after 1050 ms').toBe('pending');
    await vi.advanceTimersByTimeAsync(3_950);
    expect(patient.reason).toBeInstanceOf(RpcTimeoutError);
  });

  it('defaults to 60 seconds', async () => {
    const { client } = setUp();
    const result = track(client.request('slow'));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(result.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(result.reason).toBeInstanceOf(RpcTimeoutError);
  });

  it('tells the server to stop: sends notifications/cancelled for the timed-out request', async () => {
    const { transport, client } = setUp({ timeoutMs: 100 });
    track(client.request('slow'));
    await vi.advanceTimersByTimeAsync(100);
    expect(transport.cancellations, 'MCP: on a timeout the sender SHOULD issue a cancellation notification').toEqual([
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: transport.idOf(0), reason: 'timed out after 100 ms' } },
    ]);
  });

  it('starts no timer for timeoutMs = Infinity', () => {
    const { client } = setUp({ timeoutMs: Infinity });
    track(client.request('forever'));
    expect(vi.getTimerCount()).toBe(0);
    expect(client.pendingCount).toBe(1);
  });

  it('rejects an invalid timeoutMs with a RangeError, sending nothing', async () => {
    const { transport, client } = setUp();
    const result = track(client.request('m', undefined, { timeoutMs: -5 }));
    await flushMicrotasks();
    expect(result.reason).toBeInstanceOf(RangeError);
    expect(transport.sent).toEqual([]);
    expect(() => new RpcClient(new FakeTransport(), { timeoutMs: Number.NaN })).toThrow(RangeError);
  });

  it('rejects a timeoutMs that is not a number, even one that looks like a number', () => {
    expect(() => new RpcClient(new FakeTransport(), { timeoutMs: '1000' as unknown as number })).toThrow(RangeError);
  });

  it('accepts timeoutMs = 0: the request times out as soon as timers run', async () => {
    const { client } = setUp({ timeoutMs: 0 });
    const result = track(client.request('now'));
    await vi.advanceTimersByTimeAsync(0);
    expect(result.reason).toBeInstanceOf(RpcTimeoutError);
  });
});

describe('cancels with an AbortSignal', () => {
  it('rejects with the abort reason and sends notifications/cancelled with the request id and reason', async () => {
    const { transport, client } = setUp();
    const controller = new AbortController();
    const reason = new Error('user pressed stop');
    const result = track(client.request('tools/call', { name: 'search' }, { signal: controller.signal }));
    controller.abort(reason);
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
    expect(result.reason, 'the request should reject with the exact abort reason').toBe(reason);
    expect(transport.cancellations).toEqual([
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: transport.idOf(0), reason: 'user pressed stop' } },
    ]);
    expect(client.pendingCount).toBe(0);
  });

  it('uses a string abort reason as the cancellation reason', async () => {
    const { transport, client } = setUp();
    const controller = new AbortController();
    track(client.request('m', undefined, { signal: controller.signal }));
    controller.abort('superseded by a newer prompt');
    await flushMicrotasks();
    expect(transport.cancellations[0]).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: transport.idOf(0), reason: 'superseded by a newer prompt' },
    });
  });

  it('sends only the request id when the abort reason is neither an Error nor a string', async () => {
    const { transport, client } = setUp();
    const controller = new AbortController();
    track(client.request('m', undefined, { signal: controller.signal }));
    controller.abort(42);
    await flushMicrotasks();
    expect(transport.cancellations[0]?.params, 'with no message to give, the cancellation has no reason member').toStrictEqual({
      requestId: transport.idOf(0),
    });
  });

  it('with a signal already aborted, rejects and sends nothing at all', async () => {
    const { transport, client } = setUp();
    const reason = new Error('too late');
    const result = track(client.request('m', undefined, { signal: AbortSignal.abort(reason) }));
    await flushMicrotasks();
    expect(result.reason).toBe(reason);
    expect(transport.sent, 'a request that is already cancelled should not be sent, and there is nothing to cancel').toEqual([]);
    expect(client.pendingCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends no cancellation for a request that already got its response', async () => {
    const { transport, client } = setUp();
    const controller = new AbortController();
    const result = track(client.request('m', undefined, { signal: controller.signal }));
    transport.reply(transport.idOf(0), 'ok');
    await flushMicrotasks();
    controller.abort();
    await flushMicrotasks();
    expect(result.value).toBe('ok');
    expect(transport.cancellations, 'MCP: cancel only requests still in progress').toEqual([]);
  });

  it('cancels only the request whose signal aborted', async () => {
    const { transport, client } = setUp();
    const controller = new AbortController();
    const kept = track(client.request('kept'));
    const cancelled = track(client.request('cancelled', undefined, { signal: controller.signal }));
    controller.abort();
    transport.reply(transport.idOf(0), 'still here');
    await flushMicrotasks();
    expect(cancelled.status).toBe('rejected');
    expect(kept.value).toBe('still here');
  });
});

describe('ignores late, duplicate and unknown responses', () => {
  it('ignores a response that arrives after the request timed out', async () => {
    const { transport, client } = setUp({ timeoutMs: 100 });
    const result = track(client.request('slow'));
    await vi.advanceTimersByTimeAsync(100);
    expect(() => transport.reply(transport.idOf(0), 'late')).not.toThrow();
    await flushMicrotasks();
    expect(result.reason).toBeInstanceOf(RpcTimeoutError);
    expect(client.pendingCount).toBe(0);
  });

  it('ignores a response that arrives after the request was cancelled', async () => {
    const { transport, client } = setUp();
    const controller = new AbortController();
    const result = track(client.request('m', undefined, { signal: controller.signal }));
    controller.abort();
    expect(() => transport.reply(transport.idOf(0), 'late')).not.toThrow();
    await flushMicrotasks();
    expect(result.status).toBe('rejected');
  });

  it('keeps the first response when a duplicate arrives, and the duplicate settles nothing else', async () => {
    const { transport, client } = setUp();
    const first = track(client.request('first'));
    const id = transport.idOf(0);
    transport.reply(id, 'original');
    const second = track(client.request('second'));
    transport.reply(id, 'duplicate');
    transport.deliver({ jsonrpc: '2.0', id, error: { code: -32603, message: 'duplicate error' } });
    await flushMicrotasks();
    expect(first.value).toBe('original');
    expect(second.status, 'a duplicate response for an old id must not settle a different request').toBe('pending');
    expect(client.pendingCount).toBe(1);
  });

  it('ignores a response for an id it never used', async () => {
    const { transport, client } = setUp();
    const result = track(client.request('m'));
    expect(() => transport.reply('no-such-id', 'x')).not.toThrow();
    expect(() => transport.reply(987_654, 'x')).not.toThrow();
    await flushMicrotasks();
    expect(result.status).toBe('pending');
    expect(client.pendingCount).toBe(1);
  });

  it('matches ids exactly: "1" is not 1', async () => {
    const { transport, client } = setUp();
    const result = track(client.request('m'));
    const id = transport.idOf(0);
    const lookalike = typeof id === 'number' ? String(id) : Number(id);
    if (typeof lookalike === 'number' && Number.isNaN(lookalike)) return expect(typeof id).toBe('string');
    transport.reply(lookalike, 'wrong');
    await flushMicrotasks();
    expect(result.status, `JSON-RPC: a response carries the same id value as its request; ${JSON.stringify(lookalike)} is not ${JSON.stringify(id)}`).toBe('pending');
  });

  it('ignores messages that are not responses, without throwing', async () => {
    const { transport, client } = setUp();
    const result = track(client.request('m'));
    const id = transport.idOf(0);
    const junk: unknown[] = [
      null,
      'text',
      42,
      [],
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 5 } },
      { jsonrpc: '2.0', id, method: 'sampling/createMessage', params: {} },
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } },
      { jsonrpc: '2.0', id },
    ];
    for (const message of junk) expect(() => transport.deliver(message), `delivering ${JSON.stringify(message)}`).not.toThrow();
    await flushMicrotasks();
    expect(result.status, 'none of these messages is a response to the pending request').toBe('pending');
  });

  it('ignores malformed responses that carry its id, without throwing', async () => {
    const { transport, client } = setUp();
    const result = track(client.request('m'));
    const id = transport.idOf(0);
    const malformed: unknown[] = [
      { jsonrpc: '1.0', id, result: 'old version' },
      { id, result: 'no version' },
      { jsonrpc: '2.0', id, method: 'ping', result: 'a request, not a response' },
      { jsonrpc: '2.0', id, result: 'both', error: { code: -32000, message: 'both' } },
      { jsonrpc: '2.0', id, error: null },
      { jsonrpc: '2.0', id, error: { code: -32000 } },
    ];
    for (const message of malformed) expect(() => transport.deliver(message), `delivering ${JSON.stringify(message)}`).not.toThrow();
    await flushMicrotasks();
    expect(result.status, 'none of these is a well-formed response').toBe('pending');
  });
});

describe('rejects every pending request when the transport closes', () => {
  it('rejects each pending request with TransportClosedError, with the transport error as cause', async () => {
    const { transport, client } = setUp();
    const a = track(client.request('a'));
    const b = track(client.request('b'));
    const crash = new Error('server process exited with code 1');
    transport.close(crash);
    await flushMicrotasks();
    for (const result of [a, b]) {
      expect(result.status, 'a request whose transport closed will never get a response: reject it').toBe('rejected');
      expect(result.reason).toBeInstanceOf(TransportClosedError);
      expect((result.reason as Error).cause).toBe(crash);
    }
    expect((a.reason as Error).message).toContain('a (id ');
    expect(client.pendingCount).toBe(0);
  });

  it('rejects later requests without sending them', async () => {
    const { transport, client } = setUp();
    transport.close();
    const result = track(client.request('m'));
    await flushMicrotasks();
    expect(result.reason).toBeInstanceOf(TransportClosedError);
    expect(transport.sent).toEqual([]);
    expect(() => client.notify('n')).toThrow(TransportClosedError);
  });

  it('close() rejects pending requests and removes its listeners from the transport', async () => {
    const { transport, client } = setUp();
    expect(transport.listenerCount, 'the client should listen for messages and for close').toBe(2);
    const result = track(client.request('m'));
    client.close();
    await flushMicrotasks();
    expect(result.reason).toBeInstanceOf(TransportClosedError);
    expect(transport.listenerCount, 'after close() the client should have removed both its listeners').toBe(0);
    const again = track(client.request('again'));
    await flushMicrotasks();
    expect(again.reason, 'a closed client should reject new requests').toBeInstanceOf(TransportClosedError);
    expect(transport.sent.filter((m) => m.method === 'again')).toEqual([]);
  });
});

describe('leaves no timers or listeners behind', () => {
  it('after a response', async () => {
    const { transport, client } = setUp();
    const controller = new AbortController();
    track(client.request('m', undefined, { signal: controller.signal }));
    expect(vi.getTimerCount()).toBe(1);
    expect(abortListeners(controller.signal)).toBe(1);
    transport.reply(transport.idOf(0), 'ok');
    await flushMicrotasks();
    expect(vi.getTimerCount(), 'the request timer should be cleared when the response arrives').toBe(0);
    expect(abortListeners(controller.signal), 'the abort listener should be removed when the response arrives').toBe(0);
    expect(client.pendingCount).toBe(0);
  });

  it('after an error response', async () => {
    const { transport, client } = setUp();
    const controller = new AbortController();
    track(client.request('m', undefined, { signal: controller.signal }));
    transport.deliver({ jsonrpc: '2.0', id: transport.idOf(0), error: { code: 1, message: 'no' } });
    await flushMicrotasks();
    expect(vi.getTimerCount()).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
    expect(client.pendingCount).toBe(0);
  });

  it('after a timeout', async () => {
    const { client } = setUp({ timeoutMs: 10 });
    const controller = new AbortController();
    track(client.request('m', undefined, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    expect(abortListeners(controller.signal), 'the abort listener should be removed when the request times out').toBe(0);
    expect(client.pendingCount).toBe(0);
  });

  it('after a cancellation', async () => {
    const { client } = setUp();
    const controller = new AbortController();
    track(client.request('m', undefined, { signal: controller.signal }));
    controller.abort();
    await flushMicrotasks();
    expect(vi.getTimerCount(), 'the request timer should be cleared when the request is cancelled').toBe(0);
    expect(client.pendingCount).toBe(0);
  });

  it('after the transport closes', async () => {
    const { transport, client } = setUp();
    const session = new AbortController();
    for (let i = 0; i < 5; i++) track(client.request(`m${i}`, undefined, { signal: session.signal }));
    transport.close();
    await flushMicrotasks();
    expect(vi.getTimerCount(), 'closing should clear the timers of every pending request').toBe(0);
    expect(abortListeners(session.signal), 'closing should remove the abort listeners of every pending request').toBe(0);
    expect(client.pendingCount).toBe(0);
  });

  it('after send() throws: rejects with that error and keeps nothing', async () => {
    const { transport, client } = setUp();
    const controller = new AbortController();
    const broken = new Error('EPIPE: broken pipe');
    transport.failure = broken;
    const result = track(client.request('m', undefined, { signal: controller.signal }));
    await flushMicrotasks();
    expect(result.reason, 'a request that could not be sent should reject with the error send() threw').toBe(broken);
    expect(client.pendingCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('a busy session returns to zero: many requests, every outcome', async () => {
    const { transport, client } = setUp({ timeoutMs: 100 });
    const session = new AbortController();
    for (let round = 0; round < 20; round++) {
      const controller = new AbortController();
      const { signal } = session;
      track(client.request('ok', undefined, { signal }));
      track(client.request('fails', undefined, { signal }));
      track(client.request('cancelled', undefined, { signal: controller.signal }));
      track(client.request('slow', undefined, { signal }));
      const ids = transport.requests.slice(-4).map((r) => r.id);
      transport.reply(ids[0]!, round);
      transport.deliver({ jsonrpc: '2.0', id: ids[1]!, error: { code: -1, message: 'no' } });
      controller.abort();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(client.pendingCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(abortListeners(session.signal)).toBe(0);
  });
});
