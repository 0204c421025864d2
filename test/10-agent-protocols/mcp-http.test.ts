import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { McpHttpServer } from '@workbook/10-agent-protocols/mcp-http';
import { McpServer, type Send } from '@workbook/10-agent-protocols/mcp-server';
import { failOnUnhandledRejections } from '../support/async.ts';
import { afterThisTest, initializeRequest, until, within } from './support/peers.ts';

failOnUnhandledRejections();

const TIMEOUT = { timeout: 15_000 };
const REQUEST = { timeout: 10_000 };
const ALLOWED_ORIGIN = 'http://localhost:5173';
const BODY_LIMIT = 4096;
const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

/** What one HTTP exchange looked like from the client's side. */
interface Exchange {
  method: string;
  requestBody: string | undefined;
  status: number;
  contentType: string | null;
  sessionId: string | null;
  body: string | undefined;
  ended: boolean;
}

/** A fetch that records every exchange, reading a copy of each response body to its end. */
function recordingFetch(log: Exchange[]): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    const entry: Exchange = {
      method: init?.method ?? 'GET',
      requestBody: typeof init?.body === 'string' ? init.body : undefined,
      status: response.status,
      contentType: response.headers.get('content-type'),
      sessionId: response.headers.get('mcp-session-id'),
      body: undefined,
      ended: false,
    };
    log.push(entry);
    if (!response.body) {
      entry.body = '';
      entry.ended = true;
      return response;
    }
    const [mine, theirs] = response.body.tee();
    new Response(mine).text().then(
      (body) => {
        entry.body = body;
        entry.ended = true;
      },
      () => {
        entry.ended = true;
      },
    );
    return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The `data` of each SSE event in a stream, parsed as JSON. */
function sseMessages(body: string): Record<string, unknown>[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n'),
    )
    .filter((data) => data !== '')
    .map((data) => JSON.parse(data) as Record<string, unknown>);
}

/** An HTTP server on a free loopback port whose sessions run the graded McpServer with test tools. */
async function start() {
  const events: string[] = [];
  // The release of each running `wait` call, by its key.
  const gates = new Map<string, () => void>();
  const createServer = (send: Send): McpServer => {
    const server = new McpServer({ name: 'http-suite', version: '1.0.0', send });
    server.registerTool({
      name: 'add',
      description: 'Adds two numbers',
      inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
      handler: ({ a, b }) => {
        events.push('add ran');
        return text(String((a as number) + (b as number)));
      },
    });
    server.registerTool({
      name: 'count',
      description: 'Reports progress `to` times, then answers',
      inputSchema: { type: 'object', properties: { to: { type: 'integer' } }, required: ['to'] },
      handler: async ({ to }, { reportProgress }) => {
        for (let step = 1; step <= (to as number); step++) {
          await Promise.resolve();
          reportProgress(step, to as number);
        }
        return text('counted');
      },
    });
    server.registerTool({
      name: 'block',
      description: 'Reports progress once, then waits until it is cancelled',
      inputSchema: { type: 'object' },
      handler: (_args, { signal, reportProgress }) => {
        reportProgress(1);
        return new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            events.push('block aborted');
            reject(signal.reason);
          });
        });
      },
    });
    server.registerTool({
      name: 'wait',
      description: 'Waits until the test releases it, even when cancelled, then answers with its key',
      inputSchema: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] },
      handler: ({ key }) => new Promise((resolve) => gates.set(key as string, () => resolve(text(key as string)))),
    });
    return server;
  };
  const http = new McpHttpServer({ createServer, allowedOrigins: [ALLOWED_ORIGIN], maxBodyBytes: BODY_LIMIT });
  const url = await within(http.listen(), 'the HTTP server listening');
  afterThisTest(() => http.close());
  return { http, url, events, gates };
}

const toolCall = (id: number, name: string, args: Record<string, unknown>) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
const cancelled = (requestId: number) => ({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId } });

/** The official SDK client connected over Streamable HTTP, with every exchange recorded. */
async function connect(url: URL) {
  const log: Exchange[] = [];
  const transport = new StreamableHTTPClientTransport(url, { fetch: recordingFetch(log), reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1, maxReconnectionDelay: 1, reconnectionDelayGrowFactor: 1 } });
  const client = new Client({ name: 'http-suite-client', version: '1.0.0' });
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  afterThisTest(() => client.close());
  await within(client.connect(transport, REQUEST), 'the SDK client connecting over HTTP');
  return { client, transport, log, errors };
}

/** One raw POST to the endpoint. */
async function post(url: URL, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A session started with a raw initialize; resolves to its id. */
async function rawSession(url: URL): Promise<string> {
  const response = await post(url, initializeRequest(1));
  expect(response.status).toBe(200);
  const id = response.headers.get('mcp-session-id');
  expect(id, 'a successful initialize answer carries the Mcp-Session-Id header').toEqual(expect.any(String));
  return id!;
}

describe('the SDK client works over HTTP', TIMEOUT, () => {
  it('connects, lists and calls tools, and pings', async () => {
    const { url } = await start();
    const { client, transport, errors } = await connect(url);
    expect(client.getServerVersion()).toEqual({ name: 'http-suite', version: '1.0.0' });
    expect(transport.sessionId).toEqual(expect.any(String));
    const { tools } = await client.listTools(undefined, REQUEST);
    expect(tools.map((t) => t.name)).toEqual(['add', 'count', 'block', 'wait']);
    await expect(client.callTool({ name: 'add', arguments: { a: 20, b: 22 } }, undefined, REQUEST)).resolves.toEqual(text('42'));
    await expect(client.ping(REQUEST)).resolves.toEqual({});
    expect(errors).toEqual([]);
  });

  it('brackets an IPv6 host in the URL it resolves to', async () => {
    const http = new McpHttpServer({ createServer: (send) => new McpServer({ name: 'v6', version: '1', send }) });
    afterThisTest(() => http.close());
    const url = await within(http.listen(0, '::1'), 'the HTTP server listening on ::1');
    expect(url.hostname).toBe('[::1]');
    expect((await post(url, initializeRequest(1))).status).toBe(200);
  });

  it('rejects listen() when the port is taken, instead of crashing', async () => {
    const { url } = await start();
    const second = new McpHttpServer({ createServer: (send) => new McpServer({ name: 'second', version: '1', send }) });
    afterThisTest(() => second.close());
    await expect(within(second.listen(Number(url.port)), 'listen() on a taken port settling')).rejects.toThrow(/EADDRINUSE/);
  });

  it('refuses options without createServer, or with a maxBodyBytes that is not a positive integer', () => {
    const createServer = (send: Send) => new McpServer({ name: 'n', version: '1', send });
    expect(() => new McpHttpServer({} as never)).toThrow(TypeError);
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new McpHttpServer({ createServer, maxBodyBytes }), `maxBodyBytes ${maxBodyBytes}`).toThrow(RangeError);
    }
    expect(() => new McpHttpServer({ createServer, maxBodyBytes: 1 }), 'one byte is a positive integer').not.toThrow();
  });

  it('listens on loopback at the endpoint path', async () => {
    const { url } = await start();
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/mcp');
    expect(Number(url.port)).toBeGreaterThan(0);
  });
});

describe('JSON for one response, SSE when progress comes first', TIMEOUT, () => {
  it('answers a request that sends nothing else with application/json', async () => {
    const { url } = await start();
    const { client, log } = await connect(url);
    await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } }, undefined, REQUEST);
    const exchange = log.findLast((e) => e.requestBody?.includes('"tools/call"'))!;
    expect(exchange).toMatchObject({ status: 200, contentType: expect.stringMatching(/^application\/json/) });
    await until(() => exchange.ended, 'the JSON body being read');
    expect(JSON.parse(exchange.body!)).toMatchObject({ jsonrpc: '2.0', result: text('3') });
  });

  it('streams progress and then the response as SSE events, and ends the stream', async () => {
    const { url } = await start();
    const { client, log } = await connect(url);
    const result = await client.callTool({ name: 'count', arguments: { to: 3 } }, undefined, { ...REQUEST, onprogress: () => {} });
    expect(result).toEqual(text('counted'));
    const exchange = log.findLast((e) => e.requestBody?.includes('"tools/call"'))!;
    expect(exchange).toMatchObject({ status: 200, contentType: expect.stringMatching(/^text\/event-stream/) });
    await until(() => exchange.ended, 'the event stream ending after the response');
    const id = (JSON.parse(exchange.requestBody!) as { id: number }).id;
    expect(sseMessages(exchange.body!)).toEqual([
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: id, progress: 1, total: 3 } },
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: id, progress: 2, total: 3 } },
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: id, progress: 3, total: 3 } },
      { jsonrpc: '2.0', id, result: text('counted') },
    ]);
  });

  it('answers with JSON when the caller asked for no progress', async () => {
    const { url } = await start();
    const { client, log } = await connect(url);
    await client.callTool({ name: 'count', arguments: { to: 2 } }, undefined, REQUEST);
    expect(log.findLast((e) => e.requestBody?.includes('"tools/call"'))).toMatchObject({ contentType: expect.stringMatching(/^application\/json/) });
  });
});

describe('202 for notifications and responses', TIMEOUT, () => {
  it('accepts notifications/initialized with 202 and no body', async () => {
    const { url } = await start();
    const { log } = await connect(url);
    const exchange = log.find((e) => e.requestBody?.includes('notifications/initialized'))!;
    await until(() => exchange.ended, 'the 202 body being read');
    expect(exchange).toMatchObject({ status: 202, body: '' });
  });

  it('accepts any notification or response from the client with 202', async () => {
    const { url } = await start();
    const session = await rawSession(url);
    const headers = { 'mcp-session-id': session };
    expect(await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).toMatchObject({ status: 202, text: '' });
    expect(await post(url, { jsonrpc: '2.0', method: 'notifications/roots/list_changed' }, headers)).toMatchObject({ status: 202, text: '' });
    expect(await post(url, { jsonrpc: '2.0', id: 'srv-1', result: {} }, headers)).toMatchObject({ status: 202, text: '' });
  });
});

describe('sessions by Mcp-Session-Id', TIMEOUT, () => {
  it('gives each client its own session', async () => {
    const { url, http } = await start();
    const one = await connect(url);
    const two = await connect(url);
    expect(one.transport.sessionId).not.toBe(two.transport.sessionId);
    expect(http.sessionCount).toBe(2);
    await expect(one.client.callTool({ name: 'add', arguments: { a: 1, b: 1 } }, undefined, REQUEST)).resolves.toEqual(text('2'));
    await expect(two.client.callTool({ name: 'add', arguments: { a: 2, b: 2 } }, undefined, REQUEST)).resolves.toEqual(text('4'));
  });

  it('answers 400 without the header and 404 for a session it does not know', async () => {
    const { url } = await start();
    await rawSession(url);
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    expect((await post(url, list)).status).toBe(400);
    expect((await post(url, list, { 'mcp-session-id': 'no-such-session' })).status).toBe(404);
  });

  it('ends a session on DELETE: later requests get 404', async () => {
    const { url, http } = await start();
    const { client, transport } = await connect(url);
    const session = transport.sessionId!;
    await within(transport.terminateSession(), 'DELETE ending the session');
    expect(http.sessionCount).toBe(0);
    expect((await post(url, { jsonrpc: '2.0', id: 9, method: 'tools/list' }, { 'mcp-session-id': session })).status).toBe(404);
    // The SDK forgets the id once it has deleted the session, so its next request carries none.
    const error = await client.listTools(undefined, REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamableHTTPError);
    expect((error as StreamableHTTPError).code).toBe(400);
  });

  it('answers DELETE with 400 without the header and 404 for an unknown session', async () => {
    const { url } = await start();
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(400);
    expect((await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': 'no-such-session' } })).status).toBe(404);
  });

  it('starts a session only for an initialize request without Mcp-Session-Id', async () => {
    const { url, http } = await start();
    const notification = await post(url, { jsonrpc: '2.0', method: 'initialize', params: (initializeRequest(1) as { params: unknown }).params });
    expect(notification.status, 'an initialize without an id is a notification: it starts nothing, and lacks a session id').toBe(400);
    expect(http.sessionCount).toBe(0);
    const session = await rawSession(url);
    const again = await post(url, initializeRequest(2), { 'mcp-session-id': session });
    expect(JSON.parse(again.text), 'an initialize inside a session goes to that session, which refuses it').toMatchObject({ id: 2, error: { code: -32600 } });
    expect(http.sessionCount).toBe(1);
  });

  it('refuses a request whose id is still open in the session, and still answers the first', async () => {
    const { url, gates } = await start();
    const headers = { 'mcp-session-id': await rawSession(url) };
    const first = post(url, toolCall(5, 'wait', { key: 'first' }), headers);
    first.catch(() => {}); // awaited below; a failure before that must not leak into the next test
    await until(() => gates.has('first'), 'the first call starting');
    const second = await post(url, toolCall(5, 'add', { a: 1, b: 2 }), headers);
    expect(second.status, 'a second request with the id of an open one is refused').toBe(400);
    expect(JSON.parse(second.text)).toEqual({ jsonrpc: '2.0', error: { code: -32600, message: expect.stringMatching(/./) } });
    gates.get('first')!();
    const answer = await within(first, 'the first call\'s response');
    expect(JSON.parse(answer.text), 'the refusal must not disturb the request that holds the id').toEqual({ jsonrpc: '2.0', id: 5, result: text('first') });
  });

  it('accepts an id again once its request has been answered', async () => {
    const { url } = await start();
    const headers = { 'mcp-session-id': await rawSession(url) };
    for (const [a, b] of [[1, 2], [3, 4]]) {
      const response = await post(url, toolCall(3, 'add', { a, b }), headers);
      expect(JSON.parse(response.text)).toEqual({ jsonrpc: '2.0', id: 3, result: text(String(a! + b!)) });
    }
  });

  it('keeps no session for a failed initialize', async () => {
    const { url, http } = await start();
    const response = await post(url, initializeRequest(1, 20251125 as unknown as string));
    expect(JSON.parse(response.text)).toMatchObject({ id: 1, error: { code: -32602 } });
    expect(response.headers.get('mcp-session-id')).toBeNull();
    expect(http.sessionCount).toBe(0);
  });
});

describe('session ids are unguessable', TIMEOUT, () => {
  it('issues long, distinct ids of visible ASCII that share no long prefix', async () => {
    const { url } = await start();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await rawSession(url));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[\x21-\x7e]+$/);
      expect(id.length, `"${id}" is too short to hold 128 random bits`).toBeGreaterThanOrEqual(22);
    }
    const prefix = (a: string, b: string) => {
      let n = 0;
      while (n < a.length && a[n] === b[n]) n++;
      return n;
    };
    const longest = Math.max(...ids.flatMap((a, i) => ids.slice(i + 1).map((b) => prefix(a, b))));
    expect(longest, `ids that share a long prefix are probably a counter or a clock: ${ids.slice(0, 3).join(', ')}, …`).toBeLessThan(8);
  });
});

describe('rejects a foreign Origin', TIMEOUT, () => {
  it('answers 403 to a page from another origin and creates no session', async () => {
    const { url, http } = await start();
    const response = await post(url, initializeRequest(1), { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.get('mcp-session-id')).toBeNull();
    expect(http.sessionCount).toBe(0);
  });

  it('accepts an allowed Origin, and requests without one', async () => {
    const { url } = await start();
    expect((await post(url, initializeRequest(1), { origin: ALLOWED_ORIGIN })).status).toBe(200);
    expect((await post(url, initializeRequest(1))).status).toBe(200);
  });

  it('refuses a foreign Origin inside an existing session without running anything', async () => {
    const { url, http, events } = await start();
    const session = await rawSession(url);
    const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'add', arguments: { a: 1, b: 2 } } };
    expect((await post(url, call, { 'mcp-session-id': session, origin: 'http://localhost.evil.example' })).status).toBe(403);
    expect((await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': session, origin: 'null' } })).status).toBe(403);
    expect(events).toEqual([]);
    expect(http.sessionCount).toBe(1);
  });
});

describe('validates each request', TIMEOUT, () => {
  it('answers other paths with 404 and other methods with 405', async () => {
    const { url } = await start();
    expect((await fetch(new URL('/other', url), { method: 'POST', body: '{}' })).status).toBe(404);
    const get = await fetch(url, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toMatch(/POST/);
    expect((await fetch(url, { method: 'PUT', body: '{}' })).status).toBe(405);
  });

  it('answers 415 for a body that is not JSON, and 406 for an Accept without both types', async () => {
    const { url } = await start();
    expect((await post(url, initializeRequest(1), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(url, initializeRequest(1), { accept: 'application/json' })).status).toBe(406);
    expect((await post(url, initializeRequest(1), { accept: 'text/event-stream' })).status).toBe(406);
    expect((await post(url, initializeRequest(1), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await post(url, initializeRequest(1), { 'content-type': 'Application/JSON ; charset=utf-8' })).status, 'media types are case-insensitive and allow white space before ";"').toBe(200);
  });

  it('answers 413 for a body over the limit', async () => {
    const { url, http } = await start();
    const big = { ...initializeRequest(1), padding: 'x'.repeat(BODY_LIMIT) };
    expect((await post(url, big)).status).toBe(413);
    expect(http.sessionCount).toBe(0);
  });

  it('accepts a body of exactly maxBodyBytes and refuses one byte more', async () => {
    const { url } = await start();
    const base = JSON.stringify(initializeRequest(1));
    const exact = base.replace(/}$/, `,"padding":"${'x'.repeat(BODY_LIMIT - base.length - 13)}"}`);
    expect(Buffer.byteLength(exact)).toBe(BODY_LIMIT);
    expect((await post(url, exact)).status, `a body of exactly maxBodyBytes (${BODY_LIMIT}) is allowed`).toBe(200);
    expect((await post(url, exact.replace('"padding":"', '"padding":"x'))).status).toBe(413);
  });

  it('answers 413 as soon as a body without Content-Length passes the limit', async () => {
    const { url, http } = await start();
    const status = await within(
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
          req.destroy();
        });
        req.on('error', reject);
        // Chunked, and never finished: the server must not wait for the end to refuse it.
        req.write(`{"jsonrpc":"2.0","id":1,"method":"ping","params":{"padding":"${'x'.repeat(BODY_LIMIT)}`);
      }),
      'the 413 for a chunked body over the limit',
    );
    expect(status).toBe(413);
    expect(http.sessionCount).toBe(0);
  });

  it('keeps serving after a client drops the connection in the middle of a body', async () => {
    const http = new McpHttpServer({ createServer: (send) => new McpServer({ name: 'mounted', version: '1', send }) });
    afterThisTest(() => http.close());
    let received = false;
    let closed = false;
    // Mounted in a server of the test's own, to see the request arrive and its connection close.
    const server = createHttpServer((req, res) => {
      received = true;
      req.on('close', () => (closed = true));
      http.handleRequest(req, res);
    });
    afterThisTest(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = new URL('/mcp', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' } });
    req.on('error', () => {});
    req.write('{"jsonrpc":"2.0",');
    await until(() => received, 'the server receiving the request');
    req.destroy();
    await until(() => closed, 'the server seeing the connection close');
    expect((await post(url, initializeRequest(1))).status, 'the server must survive a client that goes away mid-body').toBe(200);
  });

  it('answers every refusal with a JSON-RPC error object with a code and a message', async () => {
    const { url } = await start();
    const session = await rawSession(url);
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    const refusals = [
      await post(new URL('/other', url), list),
      await post(url, list, { origin: 'http://evil.example' }),
      await post(url, list, { 'content-type': 'text/plain' }),
      await post(url, list, { accept: 'application/json' }),
      await post(url, { ...list, padding: 'x'.repeat(BODY_LIMIT) }),
      await post(url, '{'),
      await post(url, [list]),
      await post(url, list),
      await post(url, list, { 'mcp-session-id': 'no-such-session' }),
      await post(url, list, { 'mcp-session-id': session, 'mcp-protocol-version': '1999-01-01' }),
      await (async () => {
        const response = await fetch(url);
        return { status: response.status, headers: response.headers, text: await response.text() };
      })(),
      await (async () => {
        const response = await fetch(url, { method: 'DELETE' });
        return { status: response.status, headers: response.headers, text: await response.text() };
      })(),
      await (async () => {
        const response = await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': 'no-such-session' } });
        return { status: response.status, headers: response.headers, text: await response.text() };
      })(),
    ];
    expect(refusals.map((r) => r.status)).toEqual([404, 403, 415, 406, 413, 400, 400, 400, 404, 400, 405, 400, 404]);
    for (const refusal of refusals) {
      expect(refusal.headers.get('content-type'), `the ${refusal.status} body is JSON`).toMatch(/^application\/json/);
      const body = JSON.parse(refusal.text) as { jsonrpc: string; id?: unknown; error: { code: unknown; message: unknown } };
      expect(body).toEqual({ jsonrpc: '2.0', error: { code: expect.any(Number), message: expect.any(String) } });
      expect(body.error.message, `the ${refusal.status} error needs a message saying what is wrong`).not.toBe('');
    }
  });

  it('answers 400 for a malformed message inside a session instead of accepting it', async () => {
    const { url } = await start();
    const headers = { 'mcp-session-id': await rawSession(url) };
    const malformed: unknown[] = [
      null,
      42,
      '"ping"',
      [{ jsonrpc: '2.0', method: 'notifications/initialized' }],
      { jsonrpc: '1.0', id: 3, method: 'ping' },
      { jsonrpc: '2.0', id: null, method: 'ping' },
      { jsonrpc: '2.0', id: 1.5, method: 'ping' },
      { jsonrpc: '2.0', id: 4 },
      { jsonrpc: '2.0', method: 7 },
      { jsonrpc: '2.0', id: null, result: {} },
      { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' } },
    ];
    for (const message of malformed) {
      const response = await post(url, typeof message === 'string' ? message : JSON.stringify(message), headers);
      expect(response.status, `${JSON.stringify(message)} is not one JSON-RPC request, notification or response`).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({ error: { code: -32600 } });
    }
    expect((await post(url, { jsonrpc: '2.0', id: 'srv-2', error: { code: -32601, message: 'Method not found' } }, headers)).status, 'an error response is accepted').toBe(202);
  });

  it('answers 400 for invalid JSON, a batch, or something that is not a message', async () => {
    const { url } = await start();
    const parse = await post(url, '{"jsonrpc": "2.0", "id": 1,');
    expect(parse.status).toBe(400);
    expect(JSON.parse(parse.text)).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
    expect((await post(url, [initializeRequest(1)])).status).toBe(400);
    expect((await post(url, { hello: 'world' })).status).toBe(400);
  });

  it('answers 400 for an unsupported MCP-Protocol-Version', async () => {
    const { url } = await start();
    const session = await rawSession(url);
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    expect((await post(url, list, { 'mcp-session-id': session, 'mcp-protocol-version': '1999-01-01' })).status).toBe(400);
    expect((await post(url, list, { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' })).status).toBe(200);
    expect((await post(url, list, { 'mcp-session-id': session })).status, 'without the header the server assumes a version it supports').toBe(200);
  });
});

describe('a cancelled request ends its stream without a response', TIMEOUT, () => {
  it('aborts the tool, sends no response and ends the event stream', async () => {
    const { url, events } = await start();
    const { client, log } = await connect(url);
    const controller = new AbortController();
    const call = client.callTool({ name: 'block', arguments: {} }, undefined, { ...REQUEST, signal: controller.signal, onprogress: () => controller.abort('stop') });
    await expect(call).rejects.toThrow();
    await until(() => events.includes('block aborted'), 'the tool seeing its signal abort after notifications/cancelled');
    await until(() => log.some((e) => e.requestBody?.includes('"block"')), 'the response to the blocking call starting');
    const exchange = log.find((e) => e.requestBody?.includes('"block"'))!;
    expect(exchange.contentType).toMatch(/^text\/event-stream/);
    await until(() => exchange.ended, 'the cancelled request\'s event stream ending');
    const id = (JSON.parse(exchange.requestBody!) as { id: number }).id;
    expect(sseMessages(exchange.body!)).toEqual([{ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: id, progress: 1 } }]);
    expect(log.find((e) => e.requestBody?.includes('notifications/cancelled'))).toMatchObject({ status: 202 });
  });

  it('answers a request cancelled before it sent anything with an empty event stream', async () => {
    const { url, gates } = await start();
    const headers = { 'mcp-session-id': await rawSession(url) };
    const call = post(url, toolCall(7, 'wait', { key: 'k' }), headers);
    call.catch(() => {}); // awaited below; a failure before that must not leak into the next test
    await until(() => gates.has('k'), 'the wait tool starting');
    expect((await post(url, cancelled(7), headers)).status).toBe(202);
    gates.get('k')!();
    const response = await within(call, 'the cancelled request\'s response ending');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type'), 'a request that ends without a response ends an (empty) event stream').toMatch(/^text\/event-stream/);
    expect(response.text).toBe('');
  });

});

describe('close ends every session', TIMEOUT, () => {
  it('aborts running calls, ends open streams and stops listening', async () => {
    const { url, http, events } = await start();
    const { client, log } = await connect(url);
    const call = client.callTool({ name: 'block', arguments: {} }, undefined, { ...REQUEST, onprogress: () => {} });
    call.catch(() => {});
    await until(() => log.some((e) => e.requestBody?.includes('"block"')), 'the blocking call starting');
    await within(http.close(), 'close() resolving');
    expect(events).toContain('block aborted');
    expect(http.sessionCount).toBe(0);
    const exchange = log.find((e) => e.requestBody?.includes('"block"'))!;
    await until(() => exchange.ended, 'the open event stream ending');
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  });
});
