import { chmodSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { getEventListeners } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { McpClient, McpConnectionClosedError, McpProtocolError, McpTimeoutError, type McpClientOptions, type Progress } from '@workbook/10-agent-protocols/mcp-client';
import { failOnUncaughtExceptions, failOnUnhandledRejections, flushMicrotasks, track } from '../support/async.ts';
import { afterThisFile, afterThisTest, isAlive, killIfAlive, PROCESS_TEST_TIMEOUT, within } from './support/peers.ts';
import { type Message, SCRIPTED_SERVER, ScriptedServer } from './support/scripted.ts';
import { ROOT, supportFile } from './support/target.ts';

failOnUnhandledRejections();
failOnUncaughtExceptions();

const TIMEOUT = { timeout: PROCESS_TEST_TIMEOUT };
const text = (value: string) => ({ content: [{ type: 'text', text: value }] });

/** How to start the SDK-built server; the client under test spawns it. */
function serverOptions(env: NodeJS.ProcessEnv = {}, extra: Partial<McpClientOptions> = {}): McpClientOptions {
  return {
    command: process.execPath,
    args: ['--import', 'tsx', supportFile('sdk-tool-server.ts')],
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stderr: 'ignore',
    timeoutMs: 10_000,
    exitGraceMs: 2_000,
    ...extra,
  };
}

/** A client under test whose child never outlives the test (or the file). */
function newClient(options: McpClientOptions, scope: 'test' | 'file' = 'test'): McpClient {
  const client = new McpClient(options);
  (scope === 'test' ? afterThisTest : afterThisFile)(async () => {
    killIfAlive(client.pid);
    await client.close().catch(() => {});
  });
  return client;
}

/** Connects a client under test. */
async function connect(options: McpClientOptions = serverOptions(), scope: 'test' | 'file' = 'test'): Promise<McpClient> {
  const client = newClient(options, scope);
  await within(client.connect(), 'connect(): the server starting and answering initialize');
  return client;
}

// One server serves the tests that only make requests: starting one costs seconds. It lists its
// tools in pages of three.
let shared: Promise<McpClient> | undefined;
const peer = (): Promise<McpClient> => (shared ??= connect(serverOptions({ PAGE_SIZE: '3' }), 'file'));

interface Received {
  received: { id?: string | number; method?: string; params?: Record<string, unknown> }[];
  events: string[];
  clientInfo: { name: string; version: string } | null;
}

/** What the SDK server has received so far, as its `received` tool reports it. */
async function received(client: McpClient): Promise<Received> {
  const result = await client.callTool('received', {});
  return JSON.parse((result.content[0] as { text: string }).text) as Received;
}

// The scripted server: a real child on real pipes whose lines each test writes, for the cases a
// well-behaved server never produces. Every test starts its own; one starts in milliseconds.
const INITIALIZE_RESULT = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'scripted', version: '0.1.0' } };

/** Starts a client under test on a scripted server; `connecting` is its `connect()`, still running. */
async function startScripted(extra: Partial<McpClientOptions> = {}, env: NodeJS.ProcessEnv = {}) {
  const server = await ScriptedServer.start();
  const client = newClient({ command: process.execPath, args: [SCRIPTED_SERVER], env: server.env(env), stderr: 'ignore', timeoutMs: 10_000, exitGraceMs: 2_000, ...extra });
  const connecting = client.connect();
  connecting.catch(() => {}); // the test awaits it; this only keeps an early failure from going unhandled
  return { client, server, connecting };
}

/**
 * The client's initialize request as the scripted server received it, or, when connect() fails
 * before sending one (a client still being written, say), that failure at once.
 */
function initializeRequest(server: ScriptedServer, connecting: Promise<void>): Promise<Message> {
  const failed = connecting.then(
    () => new Promise<never>(() => {}),
    (error: unknown) => Promise.reject(new Error(`connect() failed before the server received initialize: ${String(error)}`, { cause: error })),
  );
  return Promise.race([server.request('initialize'), failed]);
}

/** A client connected to a scripted server that answered `initialize` with `result`. */
async function scripted(extra: Partial<McpClientOptions> = {}, env: NodeJS.ProcessEnv = {}, result: Record<string, unknown> = INITIALIZE_RESULT) {
  const { client, server, connecting } = await startScripted(extra, env);
  server.answer(await initializeRequest(server, connecting), result);
  await within(connecting, 'connect() with a scripted server');
  await server.message((m) => m.method === 'notifications/initialized', 'notifications/initialized');
  return { client, server };
}

/** Virtual time for the client's timers (its time limits and close()'s grace periods); the pipes stay real. */
function useVirtualTimers(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  afterThisTest(() => {
    vi.useRealTimers();
  });
}

const progressNotification = (params?: unknown): Message => ({ jsonrpc: '2.0', method: 'notifications/progress', ...(params === undefined ? {} : { params }) });

describe('connects with the initialize handshake', TIMEOUT, () => {
  it('negotiates the latest version and reads the server\'s identity', async () => {
    const client = await peer();
    expect(client.protocolVersion).toBe('2025-11-25');
    expect(client.serverInfo).toEqual({ name: 'sdk-tool-server', version: '3.1.4', title: 'SDK tool server' });
    expect(client.serverCapabilities).toMatchObject({ tools: expect.any(Object) });
    expect(client.instructions).toBe('Tools for the workbook client suite.');
  });

  it('sends initialize first, then notifications/initialized, before any other request', async () => {
    const client = await peer();
    const { received: messages, events, clientInfo } = await received(client);
    expect(messages[0]).toMatchObject({ method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {} } });
    expect(messages[1], 'the client must send notifications/initialized right after the initialize answer').toMatchObject({ method: 'notifications/initialized' });
    expect(messages[1]).not.toHaveProperty('id');
    expect(events).toContain('initialized');
    expect(clientInfo).toEqual({ name: expect.any(String), version: expect.any(String) });
  });

  it('writes one message per line: the SDK server parsed every line it received', async () => {
    const client = await peer();
    const { events } = await received(client);
    expect(events.filter((e) => e.startsWith('transport error'))).toEqual([]);
  });

  it('rejects with the spawn error when the program cannot be started, and is closed afterwards', async () => {
    const client = new McpClient({ command: 'no-such-program-for-the-workbook', timeoutMs: 5_000 });
    afterThisTest(() => client.close());
    await expect(within(client.connect(), 'connect() failing')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(client.pid).toBeUndefined();
    await expect(client.ping()).rejects.toBeInstanceOf(McpConnectionClosedError);
    await expect(within(client.close(), 'close() after a failed start')).resolves.toBeUndefined();
  });

  it('refuses a command that is not a non-empty string, with a TypeError', () => {
    for (const command of ['', undefined, 42]) {
      expect(() => new McpClient({ command } as unknown as McpClientOptions), `command: ${JSON.stringify(command)}`).toThrow(TypeError);
    }
    expect(() => new McpClient(undefined as unknown as McpClientOptions)).toThrow(TypeError);
    expect(() => new McpClient({ command: 'node' })).not.toThrow();
  });

  it('before connect(): requests reject with McpConnectionClosedError, notify() does not throw, nothing is known yet', async () => {
    const client = new McpClient({ command: process.execPath });
    await expect(client.request('ping')).rejects.toBeInstanceOf(McpConnectionClosedError);
    await expect(client.listTools()).rejects.toBeInstanceOf(McpConnectionClosedError);
    expect(() => client.notify('notifications/initialized')).not.toThrow();
    expect(client.pid).toBeUndefined();
    expect(client.protocolVersion).toBeUndefined();
    expect(client.serverInfo).toBeUndefined();
    expect(client.serverCapabilities).toEqual({});
    expect(client.stderr).toBeNull();
    await expect(client.close()).resolves.toBeUndefined();
  });

  it('rejects a second connect', async () => {
    const client = await peer();
    await expect(client.connect()).rejects.toThrow();
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('starts the program as configured: no arguments unless given, in `cwd`, with `env`, and stderr left alone by default', async () => {
    // An executable that starts the scripted server, so that the client can be given no `args` at all.
    const folder = realpathSync(mkdtempSync(path.join(tmpdir(), 'workbook-mcp-client-')));
    afterThisTest(() => rmSync(folder, { recursive: true, force: true }));
    const program = path.join(folder, 'scripted-server');
    writeFileSync(program, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(SCRIPTED_SERVER)} "$@"\n`);
    chmodSync(program, 0o755);
    // No `args` and no `stderr`: the client's own defaults apply.
    const { client, server, connecting } = await startScripted({ command: program, args: undefined, cwd: folder, stderr: undefined }, { RELAY_MARK: 'from the options' });
    server.answer(await initializeRequest(server, connecting), INITIALIZE_RESULT);
    await within(connecting, 'connect()');
    const started = await server.event((e) => e.started !== undefined, 'the server reporting how it was started');
    expect(started.started).toEqual({ argv: [], cwd: folder, env: 'from the options' });
    expect(client.stderr, 'without `stderr: \'pipe\'` the client must not take the server\'s stderr').toBeNull();
    expect(client.pid).toEqual(expect.any(Number));
  });

  it('gives the server\'s stderr on client.stderr with `stderr: \'pipe\'`, and null with `\'ignore\'`', async () => {
    const { client, server } = await scripted({ stderr: 'pipe' });
    let log = '';
    client.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
    });
    server.command('stderr starting up');
    await within(new Promise<void>((resolve) => client.stderr!.on('data', () => log.includes('\n') && resolve())), 'the server\'s log line on client.stderr');
    expect(log).toBe('starting up\n');
    const quiet = await scripted({ stderr: 'ignore' });
    expect(quiet.client.stderr).toBeNull();
  });

  it('writes initialize as a JSON-RPC request with an integer id, then notifications/initialized as a notification', async () => {
    const { server } = await scripted();
    const [initialize, initialized] = server.received;
    expect(initialize).toMatchObject({ jsonrpc: '2.0', id: expect.any(Number), method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {} } });
    expect(Number.isInteger(initialize!.id)).toBe(true);
    expect(initialized).toStrictEqual({ jsonrpc: '2.0', method: 'notifications/initialized' });
  });

  it('sends the default clientInfo, or the one it was given', async () => {
    const defaults = await scripted();
    expect((defaults.server.received[0]!.params as Message).clientInfo).toStrictEqual({ name: 'workbook-mcp-client', version: '1.0.0' });
    const given = await scripted({ clientInfo: { name: 'my-agent', version: '2.3.4' } });
    expect((given.server.received[0]!.params as Message).clientInfo).toStrictEqual({ name: 'my-agent', version: '2.3.4' });
  });

  it('accepts an older protocol version it supports', async () => {
    const { client } = await scripted({}, {}, { ...INITIALIZE_RESULT, protocolVersion: '2025-06-18' });
    expect(client.protocolVersion).toBe('2025-06-18');
  });

  it('reads capabilities as {} and instructions as undefined when the server declares none (or sends instructions that are not text)', async () => {
    const none = await scripted({}, {}, { protocolVersion: '2025-11-25', serverInfo: { name: 'bare', version: '1' } });
    expect(none.client.serverCapabilities).toEqual({});
    expect(none.client.instructions).toBeUndefined();
    const odd = await scripted({}, {}, { ...INITIALIZE_RESULT, instructions: 42 });
    expect(odd.client.instructions).toBeUndefined();
    expect(odd.client.serverInfo).toEqual({ name: 'scripted', version: '0.1.0' });
  });

  it('refuses a protocol version it does not speak: connect() rejects and the server is stopped', async () => {
    for (const protocolVersion of ['1999-01-01', undefined, 20251125]) {
      const { client, server, connecting } = await startScripted();
      const initialize = await initializeRequest(server, connecting);
      const pid = client.pid!;
      server.answer(initialize, { ...INITIALIZE_RESULT, protocolVersion });
      const outcome = await within(connecting.then(() => 'connected', (error: unknown) => error), `connect() settling on protocolVersion ${JSON.stringify(protocolVersion)}`);
      expect(outcome, `protocolVersion ${JSON.stringify(protocolVersion)}: connect() must reject`).toBeInstanceOf(Error);
      await within(server.disconnected, 'the server stopping after the failed handshake');
      expect(isAlive(pid)).toBe(false);
      expect(client.protocolVersion).toBeUndefined();
      expect(server.received.map((m) => m.method), 'a failed handshake must not send notifications/initialized').toEqual(['initialize']);
      await expect(client.ping()).rejects.toBeInstanceOf(McpConnectionClosedError);
    }
  });

  it('fails the handshake when the server answers initialize with an error, and stops the server', async () => {
    const { client, server, connecting } = await startScripted();
    const initialize = await initializeRequest(server, connecting);
    server.send({ jsonrpc: '2.0', id: initialize.id, error: { code: -32602, message: 'Unsupported protocol version', data: { supported: ['1999-01-01'] } } });
    const error = await within(connecting.catch((e: unknown) => e), 'connect() failing');
    expect(error).toBeInstanceOf(McpProtocolError);
    expect(error).toMatchObject({ code: -32602, data: { supported: ['1999-01-01'] } });
    await within(server.disconnected, 'the server stopping after the failed handshake');
    expect(client.pid).toBeUndefined();
  });

  it('does not cancel initialize when it times out: the handshake fails with McpTimeoutError and the server is stopped', async () => {
    useVirtualTimers();
    const { server, connecting } = await startScripted({ timeoutMs: 500 });
    await initializeRequest(server, connecting);
    await vi.advanceTimersByTimeAsync(500);
    await expect(within(connecting, 'connect() timing out')).rejects.toBeInstanceOf(McpTimeoutError);
    await within(server.disconnected, 'the server stopping after the failed handshake');
    expect(server.received.map((m) => m.method), 'initialize must never be cancelled (the MCP spec); the handshake fails instead').toEqual(['initialize']);
  });
});

describe('lists tools across pages', TIMEOUT, () => {
  it('follows nextCursor until the last page', async () => {
    const client = await peer();
    const tools = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['add', 'count_slowly', 'echo_after', 'hold', 'release', 'fail', 'ping_client', 'exit', 'received']);
    expect(tools[0]).toEqual({ name: 'add', description: 'the add tool', inputSchema: { type: 'object' } });
    const { received: messages } = await received(client);
    expect(messages.filter((m) => m.method === 'tools/list').map((m) => m.params?.cursor).slice(-3)).toEqual([undefined, '3', '6']);
  });

  /** Answers each tools/list request, in turn, with the next of `pages`. */
  async function answerPages(server: ScriptedServer, pages: Record<string, unknown>[]): Promise<void> {
    const answered = new Set<unknown>();
    for (const page of pages) {
      const request = await server.message((m) => m.method === 'tools/list' && !answered.has(m.id), `tools/list request ${answered.size + 1}`);
      answered.add(request.id);
      server.answer(request, page);
    }
  }
  const tool = (name: string) => ({ name, inputSchema: { type: 'object' } });

  it('ends at a page whose nextCursor is not a string', async () => {
    const { client, server } = await scripted();
    const listing = client.listTools();
    await answerPages(server, [{ tools: [tool('a')], nextCursor: null }]);
    await expect(within(listing, 'listTools()')).resolves.toEqual([tool('a')]);
    expect(server.received.filter((m) => m.method === 'tools/list')).toHaveLength(1);
  });

  it('rejects with McpProtocolError when a page has no tools array', async () => {
    const { client, server } = await scripted();
    const listing = client.listTools().catch((e: unknown) => e);
    await answerPages(server, [{ tools: [tool('a')], nextCursor: 'p2' }, { nextCursor: 'p3' }]);
    expect(await within(listing, 'listTools() failing')).toBeInstanceOf(McpProtocolError);
  });

  it('rejects with McpProtocolError, instead of asking forever, when the server repeats a cursor', async () => {
    const { client, server } = await scripted();
    const listing = client.listTools().catch((e: unknown) => e);
    await answerPages(server, [
      { tools: [tool('a')], nextCursor: 'p2' },
      { tools: [tool('b')], nextCursor: 'p3' },
      { tools: [tool('c')], nextCursor: 'p2' },
    ]);
    expect(await within(listing, 'listTools() failing')).toBeInstanceOf(McpProtocolError);
    expect(server.received.filter((m) => m.method === 'tools/list').map((m) => (m.params as Message).cursor)).toEqual([undefined, 'p2', 'p3']);
  });
});

describe('tool errors resolve, protocol errors reject', TIMEOUT, () => {
  it('resolves with the result of a tool call', async () => {
    const client = await peer();
    await expect(client.callTool('add', { a: 2, b: 3 })).resolves.toEqual(text('5'));
  });

  it('resolves with a failed tool\'s result, isError: true, instead of throwing', async () => {
    const client = await peer();
    await expect(client.callTool('fail', { message: 'the database is down' })).resolves.toEqual({ ...text('the database is down'), isError: true });
  });

  it('rejects with McpProtocolError, carrying the code, when the server answers with an error', async () => {
    const client = await peer();
    const error = await client.request('prompts/list').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpProtocolError);
    expect((error as McpProtocolError).code).toBe(-32601);
    expect((error as McpProtocolError).message).toEqual(expect.any(String));
  });

  it('sends request params as given and resolves with the result object', async () => {
    const client = await peer();
    await expect(client.request('tools/call', { name: 'add', arguments: { a: 1, b: 1 } })).resolves.toEqual(text('2'));
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('rejects with McpProtocolError when a tool result has no content array', async () => {
    const { client, server } = await scripted();
    const call = client.callTool('add', { a: 1, b: 2 }).catch((e: unknown) => e);
    server.answer(await server.request('tools/call'), { structuredContent: { sum: 3 } });
    expect(await within(call, 'callTool() failing')).toBeInstanceOf(McpProtocolError);
  });
});

describe('matches concurrent responses by id', TIMEOUT, () => {
  it('settles each call with its own answer when answers come back out of order', async () => {
    const client = await peer();
    const held = client.callTool('hold', { key: 'first' });
    const tracked = track(held);
    // The later call is answered while the first is still held by the server.
    await expect(client.callTool('add', { a: 1, b: 2 })).resolves.toEqual(text('3'));
    await flushMicrotasks();
    expect(tracked.status, 'the held call must still be waiting: the answer to another request is not its answer').toBe('pending');
    await expect(client.callTool('release', { key: 'first' })).resolves.toEqual(text('released first'));
    await expect(held).resolves.toEqual(text('released first'));
  });

  it('gives every request its own id', async () => {
    const client = await peer();
    await Promise.all([client.callTool('add', { a: 1, b: 2 }), client.callTool('add', { a: 3, b: 4 }), client.ping()]);
    const { received: messages } = await received(client);
    const ids = messages.filter((m) => 'id' in m && m.id !== undefined).map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('numbers its requests with increasing integers', async () => {
    const { client, server } = await scripted();
    const calls = [client.ping(), client.ping(), client.request('tools/list')];
    await server.message((m) => m.method === 'tools/list', 'the third request');
    const ids = server.received.filter((m) => 'id' in m).map((m) => m.id as number);
    expect(ids.every((id) => Number.isInteger(id)), `ids ${JSON.stringify(ids)}`).toBe(true);
    expect(ids.slice(1).every((id, i) => id > ids[i]!), `ids ${JSON.stringify(ids)} must increase`).toBe(true);
    for (const request of server.received.slice(2)) server.answer(request, { tools: [] });
    await within(Promise.all(calls), 'the answered requests');
  });

  it('ignores an answer to an id it is not waiting for, and keeps working', async () => {
    const { client, server } = await scripted();
    server.send({ jsonrpc: '2.0', id: 999, result: {} });
    server.send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    await server.roundTrip();
    const ping = client.ping();
    server.answer(await server.request('ping'), {});
    await expect(within(ping, 'ping()')).resolves.toBeUndefined();
  });

  it('ignores lines that are not JSON-RPC messages, and keeps working', async () => {
    const { client, server } = await scripted();
    const ping = client.ping();
    const outcome = track(ping);
    const request = await server.request('ping');
    // The last line quotes the ping's id as a string: a different id under JSON-RPC, so not its answer.
    for (const line of ['not json at all', 'null', '42', '"text"', '[1, 2]', '{}', `{"jsonrpc":"2.0","id":"${String(request.id)}","result":{}}`]) server.send(line);
    await server.roundTrip();
    expect(outcome.status, 'none of those lines answers the ping').toBe('pending');
    server.answer(request, {});
    await expect(within(ping, 'ping()')).resolves.toBeUndefined();
  });
});

describe('receives progress for its own requests', TIMEOUT, () => {
  it('asks for progress with a progressToken and reports each notification', async () => {
    const client = await peer();
    const progress: unknown[] = [];
    await expect(client.callTool('count_slowly', { to: 3 }, { onProgress: (p) => progress.push(p) })).resolves.toEqual(text('done'));
    expect(progress).toEqual([
      { progress: 1, total: 3 },
      { progress: 2, total: 3 },
      { progress: 3, total: 3 },
    ]);
  });

  it('sends no progressToken when the caller did not ask for progress', async () => {
    const client = await peer();
    await client.callTool('count_slowly', { to: 1 });
    const { received: messages } = await received(client);
    const call = messages.findLast((m) => m.method === 'tools/call' && m.params?.name === 'count_slowly')!;
    expect((call.params?._meta as { progressToken?: unknown } | undefined)?.progressToken).toBeUndefined();
  });

  it('keeps two calls\' progress apart', async () => {
    const client = await peer();
    const a: number[] = [];
    const b: number[] = [];
    await Promise.all([
      client.callTool('count_slowly', { to: 2 }, { onProgress: (p) => a.push(p.progress) }),
      client.callTool('count_slowly', { to: 3 }, { onProgress: (p) => b.push(p.progress) }),
    ]);
    expect([a, b]).toEqual([
      [1, 2],
      [1, 2, 3],
    ]);
  });

  it('reports total and message only when the server sent them, and skips reports without a numeric progress', async () => {
    const { client, server } = await scripted();
    const reports: Progress[] = [];
    const call = client.callTool('work', {}, { onProgress: (p) => reports.push(p) });
    const request = await server.request('tools/call');
    const progressToken = ((request.params as Message)._meta as Message).progressToken;
    server.send(progressNotification({ progressToken, progress: 1 }));
    server.send(progressNotification({ progressToken, progress: 'half' }));
    server.send(progressNotification({ progressToken, progress: 2, total: 4, message: 'halfway' }));
    server.send(progressNotification({ progressToken, progress: 3, total: 'four', message: 42 }));
    server.answer(request, text('done'));
    await within(call, 'the call');
    expect(reports).toStrictEqual([{ progress: 1 }, { progress: 2, total: 4, message: 'halfway' }, { progress: 3 }]);
  });

  it('ignores progress that belongs to no request asking for it, and malformed progress notifications', async () => {
    const { client, server } = await scripted();
    const reports: Progress[] = [];
    const withProgress = client.callTool('work', {}, { onProgress: (p) => reports.push(p) });
    const asked = await server.message((m) => m.method === 'tools/call' && (m.params as Message).name === 'work', 'the call asking for progress');
    const quiet = client.callTool('quiet', {});
    const notAsked = await server.message((m) => m.method === 'tools/call' && (m.params as Message).name === 'quiet', 'the call without progress');
    const progressToken = ((asked.params as Message)._meta as Message).progressToken;
    for (const params of [undefined, null, 7, 'text', { progressToken: 999_999, progress: 1 }, { progressToken: notAsked.id, progress: 1 }]) {
      server.send(progressNotification(params));
    }
    // Another notification quoting the token is not progress.
    server.send({ jsonrpc: '2.0', method: 'notifications/message', params: { progressToken, progress: 5, level: 'info', data: 'hello' } });
    server.send(progressNotification({ progressToken, progress: 1 }));
    server.answer(asked, text('done'));
    server.answer(notAsked, text('done'));
    await within(Promise.all([withProgress, quiet]), 'both calls');
    expect(reports).toStrictEqual([{ progress: 1 }]);
  });
});

describe('cancellation and time limits send notifications/cancelled', TIMEOUT, () => {
  it('rejects with the signal\'s reason and tells the server, which stops the tool', async () => {
    const client = await peer();
    const controller = new AbortController();
    const reason = new Error('the user pressed stop');
    const call = client.callTool('count_slowly', { to: 1000 }, { signal: controller.signal, onProgress: () => controller.abort(reason) });
    await expect(within(call, 'the aborted call rejecting')).rejects.toBe(reason);
    const { received: messages, events } = await received(client);
    const request = messages.findLast((m) => m.method === 'tools/call' && m.params?.name === 'count_slowly')!;
    const cancel = messages.findLast((m) => m.method === 'notifications/cancelled');
    expect(cancel, 'the client must send notifications/cancelled').toBeDefined();
    expect(cancel!.params).toMatchObject({ requestId: request.id });
    expect(events).toContain(`aborted count_slowly ${String(request.id)}`);
  });

  it('sends nothing for a signal that is already aborted', async () => {
    const client = await peer();
    const before = (await received(client)).received.length;
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(client.callTool('add', { a: 1, b: 1 }, { signal: controller.signal })).rejects.toThrow('too late');
    const after = (await received(client)).received;
    // Only the `received` call itself arrived in between.
    expect(after.slice(before).map((m) => m.method)).toEqual(['tools/call']);
    expect(after.slice(before)[0]!.params).toMatchObject({ name: 'received' });
  });

  it('rejects with McpTimeoutError when the time limit passes, and cancels the request', async () => {
    const client = await peer();
    const error = await client.callTool('echo_after', { text: 'never', ms: 60_000 }, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpTimeoutError);
    const { received: messages } = await received(client);
    const request = messages.findLast((m) => m.method === 'tools/call' && m.params?.name === 'echo_after')!;
    const cancel = messages.findLast((m) => m.method === 'notifications/cancelled');
    expect(cancel, 'a request that timed out must be cancelled with notifications/cancelled').toBeDefined();
    expect(cancel!.params).toMatchObject({ requestId: request.id });
  });

  it('gives each request its own time limit, then the client\'s, then 60 seconds', async () => {
    useVirtualTimers();
    const cases: [Partial<McpClientOptions>, number | undefined, number][] = [
      [{ timeoutMs: 10_000 }, 50, 50],
      [{ timeoutMs: 1_000 }, undefined, 1_000],
      [{ timeoutMs: undefined }, undefined, 60_000],
    ];
    for (const [options, own, expected] of cases) {
      const { client, server } = await scripted(options);
      const ping = client.ping(own === undefined ? {} : { timeoutMs: own });
      const outcome = track(ping);
      const request = await server.request('ping');
      await vi.advanceTimersByTimeAsync(expected - 1);
      expect(outcome.status, `client ${JSON.stringify(options)}, request ${own} ms: still waiting 1 ms before ${expected} ms`).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      await flushMicrotasks();
      expect(outcome.reason, `client ${JSON.stringify(options)}, request ${own} ms: timed out at ${expected} ms`).toBeInstanceOf(McpTimeoutError);
      expect((outcome.reason as McpTimeoutError).timeoutMs).toBe(expected);
      const cancel = await server.message((m) => m.method === 'notifications/cancelled', 'notifications/cancelled');
      expect(cancel.params).toMatchObject({ requestId: request.id });
    }
  });

  it('leaves no timer and no abort listener behind once a request is answered, cancelled or timed out', async () => {
    useVirtualTimers();
    const { client, server } = await scripted();
    const timersBefore = vi.getTimerCount();
    const controller = new AbortController();
    const answered = client.ping({ signal: controller.signal });
    server.answer(await server.request('ping'), {});
    await within(answered, 'ping()');
    expect(vi.getTimerCount(), 'an answered request must clear its time limit').toBe(timersBefore);
    expect(getEventListeners(controller.signal, 'abort'), 'an answered request must stop listening to its signal').toHaveLength(0);

    const timedOut = client.ping({ signal: controller.signal, timeoutMs: 100 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(await timedOut).toBeInstanceOf(McpTimeoutError);
    expect(getEventListeners(controller.signal, 'abort'), 'a request that timed out must stop listening to its signal').toHaveLength(0);

    const cancelled = client.ping({ signal: controller.signal }).catch((e: unknown) => e);
    controller.abort(new Error('stop'));
    expect(await cancelled).toMatchObject({ message: 'stop' });
    expect(vi.getTimerCount(), 'a cancelled request must clear its time limit').toBe(timersBefore);
  });

  it('survives writing to a server that closed its stdin: the request times out and nothing is thrown', async () => {
    useVirtualTimers();
    const { client, server } = await scripted();
    server.command('close-stdin');
    await server.sync();
    const ping = client.ping({ timeoutMs: 100 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(await ping).toBeInstanceOf(McpTimeoutError);
    // The failed writes (the request, then its cancellation) report EPIPE on the next turns.
    await server.sync();
    await flushMicrotasks();
  });
});

describe('answers the server\'s ping', TIMEOUT, () => {
  it('answers ping with an empty result', async () => {
    const client = await peer();
    await expect(client.callTool('ping_client', {})).resolves.toEqual(text('pong {}'));
  });

  it('answers ping whatever the kind of its id, and every other request with Method Not Found', async () => {
    const { server } = await scripted();
    server.send({ jsonrpc: '2.0', id: 'ping-a', method: 'ping' });
    server.send({ jsonrpc: '2.0', id: 7, method: 'ping' });
    server.send({ jsonrpc: '2.0', id: 8, method: 'roots/list' });
    server.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    await server.roundTrip();
    const answers = server.received.filter((m) => !('method' in m) && !String(m.id).startsWith('round-trip'));
    expect(answers).toStrictEqual([
      { jsonrpc: '2.0', id: 'ping-a', result: {} },
      { jsonrpc: '2.0', id: 7, result: {} },
      { jsonrpc: '2.0', id: 8, error: { code: -32601, message: expect.any(String) } },
    ]);
  });
});

describe('fails waiting requests when the server exits; close stops the child', TIMEOUT, () => {
  it('rejects a waiting call with McpConnectionClosedError when the server exits', async () => {
    const client = await connect();
    const error = await within(client.callTool('exit', { code: 3 }).catch((e: unknown) => e), 'the call failing when the server exited');
    expect(error).toBeInstanceOf(McpConnectionClosedError);
    await expect(client.ping()).rejects.toBeInstanceOf(McpConnectionClosedError);
  });

  it('close() ends stdin, the server exits, and waiting calls reject', async () => {
    // The waiting call keeps this server alive after its stdin closes: close() must escalate.
    const client = await connect(serverOptions({}, { exitGraceMs: 300 }));
    const pid = client.pid!;
    expect(isAlive(pid)).toBe(true);
    const waiting = client.callTool('echo_after', { text: 'x', ms: 60_000 }).catch((e: unknown) => e);
    await within(client.close(), 'close() resolving');
    expect(isAlive(pid), 'after close() the server process must be gone').toBe(false);
    expect(client.pid).toBeUndefined();
    expect(await waiting).toBeInstanceOf(McpConnectionClosedError);
  });

  it('sends no signal to a server that exits when its stdin closes', async () => {
    const { client, server } = await scripted();
    await within(client.close(), 'close()');
    await within(server.disconnected, 'the server exiting');
    expect(server.events.filter((e) => e.stdinEnd || e.signal)).toStrictEqual([{ stdinEnd: true }]);
  });

  it('waits exitGraceMs (2,000 by default) after closing stdin, then sends SIGTERM, then after as long again SIGKILL', async () => {
    useVirtualTimers();
    for (const grace of [undefined, 300]) {
      const { client, server } = await scripted({ exitGraceMs: grace }, { RELAY_KEEP_RUNNING: '1' });
      const expected = grace ?? 2_000;
      const pid = client.pid!;
      const closing = client.close();
      const outcome = track(closing);
      await server.event((e) => e.stdinEnd === true, 'the server seeing its stdin end');
      await vi.advanceTimersByTimeAsync(expected - 1);
      await server.sync();
      expect(server.events.filter((e) => e.signal), `exitGraceMs ${grace}: no signal before ${expected} ms`).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await server.event((e) => e.signal === 'SIGTERM', `exitGraceMs ${grace}: SIGTERM at ${expected} ms`);
      await vi.advanceTimersByTimeAsync(expected - 1);
      await server.sync();
      expect(isAlive(pid), `exitGraceMs ${grace}: the server ignoring SIGTERM still runs`).toBe(true);
      expect(outcome.status, `exitGraceMs ${grace}: close() waits for it`).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      await within(closing, `exitGraceMs ${grace}: close() resolving after SIGKILL`);
      expect(isAlive(pid)).toBe(false);
    }
  });
});
