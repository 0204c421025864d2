import { describe, expect, it } from 'vitest';
import { McpClient, McpConnectionClosedError, McpProtocolError, McpTimeoutError, type McpClientOptions } from '@workbook/10-agent-protocols/mcp-client';
import { failOnUnhandledRejections, flushMicrotasks, track } from '../support/async.ts';
import { afterThisFile, afterThisTest, isAlive, killIfAlive, PROCESS_TEST_TIMEOUT, within } from './support/peers.ts';
import { ROOT, supportFile } from './support/target.ts';

failOnUnhandledRejections();

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

/** Connects a client under test and makes sure its child never outlives the test (or the file). */
async function connect(options: McpClientOptions = serverOptions(), scope: 'test' | 'file' = 'test'): Promise<McpClient> {
  const client = new McpClient(options);
  (scope === 'test' ? afterThisTest : afterThisFile)(async () => {
    killIfAlive(client.pid);
    await client.close().catch(() => {});
  });
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

  it('rejects when the program cannot be started', async () => {
    const client = new McpClient({ command: 'no-such-program-for-the-workbook', timeoutMs: 5_000 });
    afterThisTest(() => client.close());
    await expect(within(client.connect(), 'connect() failing')).rejects.toThrow();
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
});

describe('answers the server\'s ping', TIMEOUT, () => {
  it('answers ping with an empty result', async () => {
    const client = await peer();
    await expect(client.callTool('ping_client', {})).resolves.toEqual(text('pong {}'));
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
});
