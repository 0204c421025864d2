import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
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
    return server;
  };
  const http = new McpHttpServer({ createServer, allowedOrigins: [ALLOWED_ORIGIN], maxBodyBytes: BODY_LIMIT });
  const url = await within(http.listen(), 'the HTTP server listening');
  afterThisTest(() => http.close());
  return { http, url, events };
}

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
    expect(tools.map((t) => t.name)).toEqual(['add', 'count', 'block']);
    await expect(client.callTool({ name: 'add', arguments: { a: 20, b: 22 } }, undefined, REQUEST)).resolves.toEqual(text('42'));
    await expect(client.ping(REQUEST)).resolves.toEqual({});
    expect(errors).toEqual([]);
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
  });

  it('answers 413 for a body over the limit', async () => {
    const { url, http } = await start();
    const big = { ...initializeRequest(1), padding: 'x'.repeat(BODY_LIMIT) };
    expect((await post(url, big)).status).toBe(413);
    expect(http.sessionCount).toBe(0);
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
