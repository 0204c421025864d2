import { getEventListeners } from 'node:events';
import { PassThrough } from 'node:stream';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { McpServer, Tool } from '@workbook/10-agent-protocols/mcp-server';
import { registerDemoTools, serveStdio } from '@workbook/10-agent-protocols/serve-stdio';
import { failOnUnhandledRejections } from '../support/async.ts';
import { settledLiveBytes } from '../support/gc.ts';
import { connectStdio, initializeRequest, PROCESS_TEST_TIMEOUT, type RawChild, startRaw, type StdioPeer, until, within } from './support/peers.ts';
import { exerciseEntry, supportFile } from './support/target.ts';

failOnUnhandledRejections();

// The graded file itself is the program, as a learner runs it. A known-bad implementation is an
// edited copy served in place of that file, which cannot be an entry point of its own: it is
// started through a small launcher that imports it instead.
const ENTRY = exerciseEntry('10-agent-protocols/serve-stdio') ?? supportFile('launch-serve-stdio.ts');
const REQUEST = { timeout: 10_000 };
// serveStdio in this process answers within a few turns of the event loop.
const IN_PROCESS_MS = 3_000;

// One server process serves every test that only needs a client: starting one costs seconds.
let shared: Promise<StdioPeer> | undefined;
const peer = (): Promise<StdioPeer> => (shared ??= connectStdio(ENTRY, 'file'));

const text = (value: string) => ({ content: [{ type: 'text', text: value }] });

/** The `index`-th line a child wrote to stdout, parsed; a line that is not JSON fails the test and says so. */
async function message(child: RawChild, index: number, what: string): Promise<Record<string, unknown>> {
  const line = await child.line(index, what);
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error(`line ${index + 1} on stdout is not JSON: ${JSON.stringify(line.slice(0, 120))}; stdout must carry MCP messages only`);
  }
}

/** serveStdio in this process, on streams the test controls byte by byte (or, with `encoding`, as strings). */
function inProcess(options: { maxLineBytes?: number; stepMs?: number; encoding?: BufferEncoding } = {}) {
  const { encoding, ...serveOptions } = options;
  const input = new PassThrough({ encoding });
  const output = new PassThrough();
  const log = new PassThrough();
  let out = '';
  let logged = '';
  output.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  log.on('data', (chunk: Buffer) => {
    logged += chunk.toString('utf8');
  });
  const done = serveStdio({ input, output, log, stepMs: 1, ...serveOptions });
  const lines = () => out.split('\n').slice(0, -1);
  return {
    input,
    output,
    done,
    out: () => out,
    logged: () => logged,
    lines,
    messages: () => lines().map((line) => JSON.parse(line) as Record<string, unknown>),
    waitForLines: (count: number, what: string) => until(() => lines().length >= count, what, IN_PROCESS_MS),
    /** Resolves once serveStdio has read every chunk written to the input so far. */
    drained: () => until(() => input.writableLength === 0 && input.readableLength === 0, 'serveStdio reading the chunks written', IN_PROCESS_MS),
  };
}

/** Ends a line the server has refused as too long, then checks it answered that and carries on with a ping. */
async function endLongLineThenPing(server: ReturnType<typeof inProcess>): Promise<void> {
  server.input.write(`\n${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' })}\n`);
  await server.waitForLines(2, 'a parse error for the long line, then the ping answer');
  expect(server.messages()).toEqual([{ jsonrpc: '2.0', error: expect.objectContaining({ code: -32700 }) }, { jsonrpc: '2.0', id: 2, result: {} }]);
  server.input.end();
  await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
}

/** Writes the handshake and a `count_slowly` call to `to` that asks for progress (token "p"). */
function startCounting(input: PassThrough, to: number): void {
  input.write(`${JSON.stringify(initializeRequest(0))}\n`);
  input.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  input.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'count_slowly', arguments: { to }, _meta: { progressToken: 'p' } } })}\n`);
}

/** A ping request as one line of JSON without its newline, `pad` bytes longer than the shortest. */
const paddedPing = (id: number, pad: number): string => JSON.stringify({ jsonrpc: '2.0', id, method: 'ping', params: { pad: 'x'.repeat(pad) } });

/**
 * Calls the `count_slowly` handler that registerDemoTools hands to `registerTool`, directly, with
 * a signal the test controls; `onProgress` runs inside each progress report.
 */
function countDirectly(to: number, options: { stepMs?: number; controller?: AbortController; onProgress?: (step: number) => void } = {}) {
  const tools = new Map<string, Tool>();
  const server = { registerTool: (tool: Tool) => void tools.set(tool.name, tool) } as unknown as McpServer;
  registerDemoTools(server, options.stepMs === undefined ? undefined : { stepMs: options.stepMs });
  const handler = tools.get('count_slowly')?.handler;
  if (!handler) throw new Error('registerDemoTools registered no tool named count_slowly through server.registerTool');
  const controller = options.controller ?? new AbortController();
  const steps: number[] = [];
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  const reportProgress = (progress: number): void => {
    steps.push(progress);
    options.onProgress?.(progress);
  };
  const result = Promise.resolve().then(() => handler({ to }, { requestId: 1, signal: controller.signal, reportProgress }));
  result.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  return { controller, steps, result, state: () => state };
}

describe('starts as a process and initializes', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('runs as a program (node with tsx) and completes the handshake with the official SDK client', async () => {
    const { client, wire } = await peer();
    expect(client.getServerVersion()).toEqual({ name: expect.any(String), version: expect.any(String), title: expect.any(String) });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {} });
    expect(wire.fromServer()[0]).toMatchObject({ jsonrpc: '2.0', id: 0, result: { protocolVersion: '2025-11-25' } });
  });

  it('answers ping', async () => {
    const { client } = await peer();
    await expect(client.ping(REQUEST)).resolves.toEqual({});
  });

});

describe('lists and calls the demo tools', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('lists add and count_slowly with their input schemas', async () => {
    const { client } = await peer();
    const { tools } = await client.listTools(undefined, REQUEST);
    expect(tools.map((t) => t.name).sort()).toEqual(['add', 'count_slowly']);
    const add = tools.find((t) => t.name === 'add')!;
    const count = tools.find((t) => t.name === 'count_slowly')!;
    expect(add.description).toEqual(expect.any(String));
    expect(add.inputSchema).toMatchObject({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } });
    expect([...(add.inputSchema.required ?? [])].sort()).toEqual(['a', 'b']);
    expect(count.inputSchema).toMatchObject({ type: 'object', properties: { to: { type: 'integer' } }, required: ['to'] });
  });

  it('adds two numbers', async () => {
    const { client } = await peer();
    await expect(client.callTool({ name: 'add', arguments: { a: 2, b: 3 } }, undefined, REQUEST)).resolves.toEqual(text('5'));
    await expect(client.callTool({ name: 'add', arguments: { a: -1.5, b: 0.25 } }, undefined, REQUEST)).resolves.toEqual(text('-1.25'));
  });

  it('counts to the end and answers "done"', async () => {
    const { client } = await peer();
    await expect(client.callTool({ name: 'count_slowly', arguments: { to: 2 } }, undefined, REQUEST)).resolves.toEqual(text('done'));
  });
});

describe('unknown tools and invalid arguments', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('answers an unknown tool with a JSON-RPC error, -32602', async () => {
    const { client } = await peer();
    const error = await client.callTool({ name: 'multiply', arguments: { a: 2, b: 3 } }, undefined, REQUEST).catch((e: unknown) => e);
    expect(error, 'an unknown tool is a protocol error: the SDK client throws an McpError').toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
  });

  it.each([
    ['add', { a: 1 }],
    ['add', { a: '1', b: 2 }],
    ['add', { a: 1, b: 2, c: 3 }],
    ['count_slowly', { to: 0 }],
    ['count_slowly', { to: 2.5 }],
    ['count_slowly', { to: 1001 }],
    ['count_slowly', {}],
    ['count_slowly', { to: 2, fast: true }],
  ])('answers %s with %j as a tool execution error', async (name, args) => {
    const { client } = await peer();
    const result = await client.callTool({ name, arguments: args }, undefined, REQUEST);
    expect(result, 'invalid arguments are a result with isError: true and a text block the model can read').toMatchObject({
      isError: true,
      content: [{ type: 'text', text: expect.any(String) }],
    });
  });
});

describe('progress while counting', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('sends one increasing progress notification per step, quoting the token, before the answer', async () => {
    const { client, wire } = await peer();
    const result = await client.callTool({ name: 'count_slowly', arguments: { to: 3 } }, undefined, { ...REQUEST, onprogress: () => {} });
    expect(result).toEqual(text('done'));
    const id = wire.requestId('tools/call', 'count_slowly');
    const server = wire.fromServer();
    const answer = server.findIndex((m) => m.id === id && 'result' in m);
    const progress = server
      .map((m, index) => ({ m, index }))
      .filter(({ m }) => m.method === 'notifications/progress' && (m.params as { progressToken: unknown }).progressToken === id);
    expect(progress.map(({ m }) => m.params)).toEqual([
      expect.objectContaining({ progressToken: id, progress: 1, total: 3, message: 'step 1 of 3' }),
      expect.objectContaining({ progressToken: id, progress: 2, total: 3, message: 'step 2 of 3' }),
      expect.objectContaining({ progressToken: id, progress: 3, total: 3, message: 'step 3 of 3' }),
    ]);
    expect(progress.every(({ index }) => index < answer), 'progress must stop once the answer has been sent').toBe(true);
  });

  it('sends no progress when the caller did not ask for it', async () => {
    const { client, wire } = await peer();
    const before = wire.entries.length;
    await expect(client.callTool({ name: 'count_slowly', arguments: { to: 2 } }, undefined, REQUEST)).resolves.toEqual(text('done'));
    expect(wire.entries.slice(before).filter((e) => e.message.method === 'notifications/progress')).toEqual([]);
  });
});

describe('cancelling count_slowly', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('stops counting and never answers the cancelled call', async () => {
    const { client, wire, errors } = await peer();
    const controller = new AbortController();
    const cancelled = client.callTool({ name: 'count_slowly', arguments: { to: 1000 } }, undefined, {
      ...REQUEST,
      signal: controller.signal,
      onprogress: () => controller.abort('the user pressed stop'),
    });
    await expect(cancelled).rejects.toThrow();
    const id = wire.requestId('tools/call', 'count_slowly');
    const cancel = await wire.waitFor((e) => e.from === 'client' && e.message.method === 'notifications/cancelled', 'notifications/cancelled');
    expect(cancel.message.params).toMatchObject({ requestId: id });
    const errorsBefore = errors.length;
    // A later count takes two steps: had the cancelled one gone on, its next step would come first.
    await expect(client.callTool({ name: 'count_slowly', arguments: { to: 2 } }, undefined, { ...REQUEST, onprogress: () => {} })).resolves.toEqual(text('done'));
    const after = wire.entries.slice(wire.entries.indexOf(cancel)).filter((e) => e.from === 'server').map((e) => e.message);
    expect(after.filter((m) => m.id === id), 'no response for a cancelled request').toEqual([]);
    expect(
      after.filter((m) => m.method === 'notifications/progress' && (m.params as { progressToken: unknown }).progressToken === id),
      'no progress for a cancelled request',
    ).toEqual([]);
    expect(errors.slice(errorsBefore).map((e) => e.message).filter((m) => !m.includes('unknown token'))).toEqual([]);
  });
});

describe('count_slowly, step by step in virtual time', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits stepMs before each step, 100 ms unless told otherwise', async () => {
    const told = countDirectly(3, { stepMs: 40 });
    await vi.advanceTimersByTimeAsync(39);
    expect(told.steps, 'no step before stepMs (40 ms) has passed').toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(told.steps, 'the first step at 40 ms').toEqual([1]);
    await vi.advanceTimersByTimeAsync(80);
    expect(told.steps).toEqual([1, 2, 3]);
    await expect(told.result).resolves.toEqual(text('done'));

    const byDefault = countDirectly(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(byDefault.steps, 'no step before the default 100 ms has passed').toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(byDefault.result).resolves.toEqual(text('done'));
  });

  it('stops during a wait when cancelled: it settles, takes no further step and leaves no timer', async () => {
    const call = countDirectly(5, { stepMs: 10 });
    await vi.advanceTimersByTimeAsync(15);
    expect(call.steps).toEqual([1]);
    call.controller.abort(new Error('the user pressed stop'));
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount(), 'a cancelled count must clear the timer of its wait').toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(call.steps, 'no step after the cancel').toEqual([1]);
    expect(call.state(), 'the handler settles once cancelled').not.toBe('pending');
  });

  it('takes no further step when the cancel arrives while a step is being reported', async () => {
    const controller = new AbortController();
    const call = countDirectly(5, { stepMs: 10, controller, onProgress: () => controller.abort(new Error('cancelled at step 1')) });
    await vi.advanceTimersByTimeAsync(10);
    expect(call.steps).toEqual([1]);
    await vi.advanceTimersByTimeAsync(100);
    expect(call.steps, 'the count must check the signal before it waits again').toEqual([1]);
    expect(vi.getTimerCount(), 'no timer left running after the cancel').toBe(0);
    expect(call.state()).not.toBe('pending');
  });

  it('leaves no listener on the signal once its waits are over', async () => {
    const call = countDirectly(3, { stepMs: 10 });
    await vi.advanceTimersByTimeAsync(30);
    await expect(call.result).resolves.toEqual(text('done'));
    expect(getEventListeners(call.controller.signal, 'abort').length, 'each finished wait must remove its abort listener (a long count would pile them up)').toBe(0);
  });

  it('serveStdio passes stepMs to the demo tools', async () => {
    const server = inProcess({ stepMs: 1_000 });
    startCounting(server.input, 1);
    await server.waitForLines(1, 'the answer to initialize');
    await vi.advanceTimersByTimeAsync(999);
    expect(server.lines(), 'no progress before stepMs (1,000 ms) has passed').toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await server.waitForLines(3, 'the progress notification and the answer');
    expect(server.messages().slice(1)).toEqual([expect.objectContaining({ method: 'notifications/progress' }), expect.objectContaining({ id: 1, result: text('done') })]);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });
});

describe('newline-delimited framing', () => {
  it('reads a message split anywhere, even inside a multi-byte character', async () => {
    const server = inProcess();
    const init = Buffer.from(`${JSON.stringify(initializeRequest(0))}\n`);
    const ping = Buffer.from(`${JSON.stringify({ jsonrpc: '2.0', id: 'ping-é✓', method: 'ping' })}\n`);
    const cut = ping.indexOf(Buffer.from('✓')) + 1; // inside the three bytes of ✓
    server.input.write(init.subarray(0, 7));
    server.input.write(init.subarray(7));
    server.input.write(ping.subarray(0, cut));
    server.input.write(ping.subarray(cut));
    await server.waitForLines(2, 'answers to initialize and ping');
    expect(server.messages()[1]).toEqual({ jsonrpc: '2.0', id: 'ping-é✓', result: {} });
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('reads several messages from one chunk, with CRLF endings and empty lines', async () => {
    const server = inProcess();
    const lines = [initializeRequest(1), { jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', id: 2, method: 'ping' }, { jsonrpc: '2.0', id: 3, method: 'ping' }];
    server.input.write(`${lines.map((l) => JSON.stringify(l)).join('\r\n')}\r\n\n\n`);
    await server.waitForLines(3, 'three answers');
    expect(server.messages().map((m) => m.id)).toEqual([1, 2, 3]);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('answers a line that is not JSON with a parse error without an id, and carries on', async () => {
    const server = inProcess();
    server.input.write('{"jsonrpc":"2.0", "id": 1, "method": "ping"\n');
    server.input.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' })}\n`);
    await server.waitForLines(2, 'a parse error, then the ping answer');
    expect(server.messages()).toEqual([{ jsonrpc: '2.0', error: expect.objectContaining({ code: -32700 }) }, { jsonrpc: '2.0', id: 2, result: {} }]);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('refuses a line over maxLineBytes without keeping it, and carries on', async () => {
    const server = inProcess({ maxLineBytes: 64 });
    server.input.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(100) } })}\n`);
    server.input.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' })}\n`);
    await server.waitForLines(2, 'an error for the long line, then the ping answer');
    expect(server.messages()).toEqual([{ jsonrpc: '2.0', error: expect.objectContaining({ code: -32700 }) }, { jsonrpc: '2.0', id: 2, result: {} }]);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('accepts a line of exactly maxLineBytes, also before a CR, and refuses a line one byte longer', async () => {
    const limit = paddedPing(1, 0).length + 20;
    const server = inProcess({ maxLineBytes: limit });
    server.input.write(`${paddedPing(1, 20)}\n${paddedPing(2, 20)}\r\n${paddedPing(3, 21)}\n`);
    await server.waitForLines(3, 'two answers and a parse error');
    expect(server.messages(), `lines of ${limit}, ${limit} (then CRLF) and ${limit + 1} bytes with maxLineBytes ${limit}`).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
      { jsonrpc: '2.0', id: 2, result: {} },
      { jsonrpc: '2.0', error: expect.objectContaining({ code: -32700 }) },
    ]);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('says in the parse error whether the line was too long (naming the limit) or not JSON', async () => {
    const server = inProcess({ maxLineBytes: 64 });
    server.input.write(`{"jsonrpc":"2.0", "id": 1\n${paddedPing(2, 100)}\n`);
    await server.waitForLines(2, 'two parse errors');
    const [notJson, tooLong] = server.messages().map((m) => (m.error as { message: unknown }).message);
    expect(notJson, 'the message of a parse error must say what went wrong').toEqual(expect.stringMatching(/\S/));
    expect(tooLong, 'a line too long is told apart from one that is not JSON, and its message names the limit').toEqual(expect.stringContaining('64'));
    expect(tooLong).not.toEqual(notJson);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('keeps nothing of a line it has refused, however long the line grows', async () => {
    const limit = 4 * 1024 * 1024;
    const server = inProcess({ maxLineBytes: limit });
    const chunk = Buffer.alloc(64 * 1024, 0x78); // 64 KiB of "x", no newline
    const send = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i++) server.input.write(chunk);
      await server.drained();
    };
    // Four chunks past the limit: a reader that notices the overflow a chunk or two late has too.
    await send(limit / chunk.length + 4);
    const before = await settledLiveBytes();
    // 3.5 MiB more of the same line: less than the limit, so a reader that starts counting again
    // after the overflow still holds all of it.
    await send(56);
    const kept = (await settledLiveBytes()) - before;
    expect(kept, `serveStdio kept ${(kept / 1024 / 1024).toFixed(1)} MiB of a line it has already refused; drop its bytes as they arrive`).toBeLessThan(2 * 1024 * 1024);
    await endLongLineThenPing(server);
  });

  it('keeps nothing of one chunk that alone takes a line over the limit', async () => {
    const limit = 1024 * 1024;
    const server = inProcess({ maxLineBytes: limit });
    const chunk = Buffer.alloc(16 * 1024 * 1024, 0x78); // 16 MiB of "x", no newline
    const before = await settledLiveBytes();
    server.input.write(chunk);
    await server.drained();
    const kept = (await settledLiveBytes()) - before;
    expect(kept, `serveStdio kept ${(kept / 1024 / 1024).toFixed(1)} MiB of a chunk that is over the limit by itself; check the limit before keeping a chunk`).toBeLessThan(2 * 1024 * 1024);
    await endLongLineThenPing(server);
  });

  it('ends a line at a newline that starts the next chunk', async () => {
    const server = inProcess();
    server.input.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }));
    server.input.write(`\n${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' })}\n`);
    await server.waitForLines(2, 'answers to both pings');
    expect(server.messages().map((m) => m.id)).toEqual([1, 2]);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('reads an input that yields strings (a stream with an encoding set)', async () => {
    const server = inProcess({ encoding: 'utf8' });
    const ping = Buffer.from(`${JSON.stringify({ jsonrpc: '2.0', id: 'ping-é✓', method: 'ping' })}\n${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' })}\n`);
    const cut = ping.indexOf(Buffer.from('✓')) + 1;
    server.input.write(ping.subarray(0, cut));
    server.input.write(ping.subarray(cut));
    await server.waitForLines(2, 'answers to both pings');
    expect(server.messages().map((m) => m.id)).toEqual(['ping-é✓', 2]);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('handles a last line without a newline when the input ends, then resolves', async () => {
    const server = inProcess();
    server.input.end(JSON.stringify({ jsonrpc: '2.0', id: 'last', method: 'ping' }));
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
    await server.waitForLines(1, 'the answer to the last line');
    expect(server.messages()).toEqual([{ jsonrpc: '2.0', id: 'last', result: {} }]);
  });

  it('writes each message as one line of JSON ending in a newline', async () => {
    const server = inProcess();
    server.input.write(`${JSON.stringify(initializeRequest(0))}\n`);
    server.input.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })}\n`);
    await server.waitForLines(2, 'answers to initialize and tools/list');
    expect(server.out().endsWith('\n')).toBe(true);
    expect(server.lines().every((line) => line.length > 0 && !line.includes('\r'))).toBe(true);
    expect(server.messages().map((m) => m.id)).toEqual([0, 1]);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });
});

describe('when a stream fails', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** serveStdio in this process, counting to 1000 in steps of 10 virtual ms, after its first step. */
  async function counting() {
    const server = inProcess({ stepMs: 10 });
    startCounting(server.input, 1000);
    await server.waitForLines(1, 'the answer to initialize');
    await vi.advanceTimersByTimeAsync(10);
    await server.waitForLines(2, 'the first progress notification');
    return server;
  }

  it('logs a failed output (the client has gone) and stops the running tool calls', async () => {
    const server = await counting();
    const logged = server.logged().length;
    server.output.destroy(new Error('write EPIPE'));
    await until(() => server.logged().length > logged, 'a log line about the failed output', IN_PROCESS_MS);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount(), 'nobody can read the answer any more: the count must stop').toBe(0);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('rejects with the error of a failed input, and stops the running tool calls', async () => {
    const server = await counting();
    const failure = new Error('read EIO');
    server.input.destroy(failure);
    await expect(within(server.done, 'serveStdio settling after its input failed', IN_PROCESS_MS)).rejects.toBe(failure);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount(), 'the server must close when its input fails: the count must stop').toBe(0);
  });
});

describe('stdout carries only protocol messages', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('writes logs to the log stream and messages to the output stream', async () => {
    const server = inProcess();
    server.input.write(`${JSON.stringify(initializeRequest(0))}\n`);
    await server.waitForLines(1, 'the answer to initialize');
    await until(() => server.logged().length > 0, 'a log line on the log stream (stderr), such as "ready"', IN_PROCESS_MS);
    expect(server.messages()).toEqual([expect.objectContaining({ jsonrpc: '2.0', id: 0, result: expect.any(Object) })]);
    server.input.end();
    await within(server.done, 'serveStdio resolving after the input ended', IN_PROCESS_MS);
  });

  it('a real process writes nothing but JSON-RPC messages to stdout, and its logs to stderr', async () => {
    const { client, errors, stderr } = await peer();
    await expect(client.callTool({ name: 'add', arguments: { a: 1, b: 2 } }, undefined, REQUEST)).resolves.toEqual(text('3'));
    // The SDK client reports every stdout line that is not a JSON-RPC message as an error.
    const unreadable = errors.filter((e) => e.name === 'SyntaxError' || e.name === 'ZodError').map((e) => e.message.slice(0, 200));
    expect(unreadable, 'every line on stdout must be an MCP message; logs belong on stderr').toEqual([]);
    await until(() => stderr().length > 0, 'a log line on stderr');
  });
});

describe('exits cleanly when stdin closes', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('exits with status 0, even in the middle of a count', async () => {
    const child = await startRaw(ENTRY);
    child.write(`${JSON.stringify(initializeRequest(0))}\n`);
    child.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    child.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'count_slowly', arguments: { to: 1000 }, _meta: { progressToken: 'p' } } })}\n`);
    expect(await message(child, 0, 'the answer to initialize')).toMatchObject({ id: 0, result: expect.any(Object) });
    expect(await message(child, 1, 'the first progress notification')).toMatchObject({
      method: 'notifications/progress',
      params: { progressToken: 'p', progress: 1, total: 1000 },
    });
    child.child.stdin!.end();
    const exit = await within(child.exited, 'the server exiting after its stdin closed (a timer or a loop that ignores the abort keeps it alive)');
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
