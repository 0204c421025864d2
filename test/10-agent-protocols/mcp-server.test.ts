import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode as SdkErrorCode, McpError, SUPPORTED_PROTOCOL_VERSIONS as SDK_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import {
  ErrorCode,
  LATEST_PROTOCOL_VERSION,
  McpServer,
  SUPPORTED_PROTOCOL_VERSIONS,
  checkArguments,
  type CallToolResult,
  type Tool,
} from '@workbook/10-agent-protocols/mcp-server';
import { deferred, failOnUnhandledRejections, flushMicrotasks, settled, track } from '../support/async.ts';
import { InProcessTransport, recorder } from './support/in-process.ts';
import { until, within } from './support/peers.ts';

failOnUnhandledRejections();

// Everything here runs in this process: a few turns of the event loop, well inside the test's 5 s.
const IN_PROCESS_MS = 2_000;

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });

const addTool: Tool = {
  name: 'add',
  description: 'Adds two numbers',
  inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'], additionalProperties: false },
  handler: ({ a, b }) => text(String((a as number) + (b as number))),
};

function initialize(id: string | number = 0, protocolVersion: unknown = '2025-11-25') {
  return { jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: { name: 'suite', version: '1.0.0' } } };
}
const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
const call = (id: string | number, name: string, args?: unknown, meta?: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, ...(args === undefined ? {} : { arguments: args }), ...(meta ? { _meta: meta } : {}) },
});

/** A server with the given tools, already through the handshake, and a record of what it sends. */
async function ready(...tools: Tool[]) {
  const record = recorder();
  const server = new McpServer({ name: 'suite-server', version: '0.1.0', send: record.send });
  for (const tool of tools) server.registerTool(tool);
  await server.handle(initialize());
  await server.handle(initialized);
  record.sent.length = 0;
  return { server, ...record };
}

/** A tool whose handler waits until the test releases it, recording what it was given. */
function gatedTool(name = 'gated') {
  const gate = deferred<CallToolResult>();
  const seen: { signal?: AbortSignal; report?: (p: number, t?: number, m?: string) => void; started: number } = { started: 0 };
  const tool: Tool = {
    name,
    description: 'Waits for the test',
    inputSchema: { type: 'object' },
    handler: (_args, context) => {
      seen.started++;
      seen.signal = context.signal;
      seen.report = context.reportProgress;
      return gate.promise;
    },
  };
  return { tool, gate, seen };
}

/** The SDK client connected to a fresh server in this process. */
async function sdkClient(...tools: Tool[]) {
  const transport = new InProcessTransport((send) => {
    const server = new McpServer({ name: 'suite-server', version: '0.1.0', title: 'Suite server', send });
    for (const tool of tools) server.registerTool(tool);
    return server;
  });
  const client = new Client({ name: 'suite-client', version: '1.0.0' });
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await within(client.connect(transport, { timeout: IN_PROCESS_MS }), 'the SDK client connecting', IN_PROCESS_MS);
  return { client, transport, errors };
}

describe('initialize negotiates the version', () => {
  it('answers with the requested version when it supports it', async () => {
    const { send, messages } = recorder();
    const server = new McpServer({ name: 'suite-server', version: '0.1.0', send });
    await server.handle(initialize(1, '2025-06-18'));
    expect(messages()).toEqual([
      {
        jsonrpc: '2.0',
        id: 1,
        result: { protocolVersion: '2025-06-18', capabilities: { tools: { listChanged: false } }, serverInfo: { name: 'suite-server', version: '0.1.0' } },
      },
    ]);
    expect(server.protocolVersion).toBe('2025-06-18');
  });

  it('answers with its latest version when the requested one is unknown, instead of echoing it', async () => {
    const { send, messages } = recorder();
    const server = new McpServer({ name: 'suite-server', version: '0.1.0', send });
    await server.handle(initialize('init', '1999-01-01'));
    expect(messages()[0]).toMatchObject({ id: 'init', result: { protocolVersion: LATEST_PROTOCOL_VERSION } });
    expect(LATEST_PROTOCOL_VERSION, 'the latest version must be the one the official SDK speaks').toBe('2025-11-25');
    expect(SUPPORTED_PROTOCOL_VERSIONS.every((v) => SDK_VERSIONS.includes(v))).toBe(true);
  });

  it('includes the title and instructions when given', async () => {
    const { send, messages } = recorder();
    const server = new McpServer({ name: 'n', version: '2', title: 'A title', instructions: 'Use add for sums.', send });
    await server.handle(initialize());
    expect(messages()[0]!.result).toMatchObject({ serverInfo: { name: 'n', version: '2', title: 'A title' }, instructions: 'Use add for sums.' });
  });

  it('rejects an initialize without a string protocolVersion, and a second initialize', async () => {
    const { send, messages } = recorder();
    const server = new McpServer({ name: 'n', version: '1', send });
    await server.handle(initialize(1, 20251125));
    expect(messages()[0]).toMatchObject({ jsonrpc: '2.0', id: 1, error: { code: ErrorCode.InvalidParams } });
    expect((messages()[0]!.error as { data?: unknown }).data, 'the Invalid Params error lists the versions the server speaks in data.supported').toEqual({
      supported: SUPPORTED_PROTOCOL_VERSIONS,
    });
    expect(server.protocolVersion).toBeUndefined();
    await server.handle(initialize(2));
    await server.handle(initialize(3));
    expect(messages()[2]).toMatchObject({ id: 3, error: { code: ErrorCode.InvalidRequest } });
    expect(server.protocolVersion).toBe('2025-11-25');
  });

  it('is initialized once the client sends notifications/initialized', async () => {
    const { send } = recorder();
    const server = new McpServer({ name: 'n', version: '1', send });
    await server.handle(initialized);
    expect(server.initialized, 'notifications/initialized before initialize counts for nothing').toBe(false);
    await server.handle(initialize());
    expect(server.initialized).toBe(false);
    await server.handle(initialized);
    expect(server.initialized).toBe(true);
  });

  it('completes the handshake with the official SDK client', async () => {
    const { client, transport, errors } = await sdkClient(addTool);
    expect(client.getServerVersion()).toEqual({ name: 'suite-server', version: '0.1.0', title: 'Suite server' });
    expect(client.getServerCapabilities()).toEqual({ tools: { listChanged: false } });
    await until(() => transport.server.initialized, 'the server seeing notifications/initialized', IN_PROCESS_MS);
    expect(errors).toEqual([]);
  });
});

describe('ping at any time, nothing else before initialize', () => {
  it('answers ping with an empty result before and after initialize', async () => {
    const { send, messages } = recorder();
    const server = new McpServer({ name: 'n', version: '1', send });
    await server.handle({ jsonrpc: '2.0', id: 'p1', method: 'ping' });
    await server.handle(initialize());
    await server.handle({ jsonrpc: '2.0', id: 'p2', method: 'ping' });
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 'p1', result: {} }, expect.objectContaining({ id: 0 }), { jsonrpc: '2.0', id: 'p2', result: {} }]);
  });

  it('refuses tools/list and tools/call before initialize, and runs nothing', async () => {
    const { send, messages } = recorder();
    let ran = 0;
    const server = new McpServer({ name: 'n', version: '1', send }).registerTool({ ...addTool, handler: () => (ran++, text('ran')) });
    await server.handle({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    await server.handle(call(2, 'add', { a: 1, b: 2 }));
    expect(messages()).toEqual([
      { jsonrpc: '2.0', id: 1, error: expect.objectContaining({ code: ErrorCode.ServerNotInitialized }) },
      { jsonrpc: '2.0', id: 2, error: expect.objectContaining({ code: ErrorCode.ServerNotInitialized }) },
    ]);
    expect(ran).toBe(0);
  });

  it('answers the SDK client\'s ping', async () => {
    const { client } = await sdkClient();
    await expect(client.ping()).resolves.toEqual({});
  });
});

describe('never answers a notification', () => {
  it('sends nothing for notifications, known, unknown or malformed', async () => {
    const { server, messages } = await ready(addTool);
    await server.handle(initialized);
    await server.handle({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 99 } });
    await server.handle({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' });
    await server.handle({ jsonrpc: '2.0', method: 'no/such/method' });
    await server.handle({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: { nested: true } } });
    await server.handle({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'add', arguments: { a: 1, b: 2 } } });
    expect(messages(), 'a message without an id is a notification: the receiver must never reply').toEqual([]);
  });

  it('sends nothing during the SDK handshake but the initialize result', async () => {
    const { transport, errors } = await sdkClient();
    await flushMicrotasks();
    expect(transport.wire.fromServer()).toEqual([expect.objectContaining({ id: 0, result: expect.any(Object) })]);
    expect(errors).toEqual([]);
  });
});

describe('lists and calls tools', () => {
  it('lists every registered tool with its schema', async () => {
    const { server, messages } = await ready(addTool, { ...addTool, name: 'add.v2', title: 'Add, again', description: 'Adds again' });
    await server.handle({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(messages()).toEqual([
      {
        jsonrpc: '2.0',
        id: 1,
        result: {
          tools: [
            { name: 'add', description: 'Adds two numbers', inputSchema: addTool.inputSchema },
            { name: 'add.v2', title: 'Add, again', description: 'Adds again', inputSchema: addTool.inputSchema },
          ],
        },
      },
    ]);
  });

  it('calls a tool with its arguments and answers with its result', async () => {
    const { server, sent } = await ready(addTool);
    await server.handle(call('c1', 'add', { a: 2, b: 3 }));
    expect(sent).toEqual([{ message: { jsonrpc: '2.0', id: 'c1', result: { content: [{ type: 'text', text: '5' }] } }, related: 'c1' }]);
  });

  it('rejects invalid tool definitions', () => {
    const server = new McpServer({ name: 'n', version: '1', send: () => {} });
    expect(() => server.registerTool({ ...addTool, name: 'has space' })).toThrow(TypeError);
    expect(() => server.registerTool({ ...addTool, name: '' })).toThrow(TypeError);
    expect(() => server.registerTool({ ...addTool, name: 123 as never }), 'a name must be a string, not a number that looks like one').toThrow(TypeError);
    expect(() => server.registerTool({ ...addTool, handler: 'no' as never })).toThrow(TypeError);
    expect(() => server.registerTool({ ...addTool, inputSchema: { type: 'string' } as never })).toThrow(TypeError);
  });

  it('refuses to be built without a send function', () => {
    expect(() => new McpServer({ name: 'n', version: '1' } as never)).toThrow(TypeError);
    expect(() => new McpServer({ name: 'n', version: '1', send: 'stdout' as never })).toThrow(TypeError);
  });

  it('serves the official SDK client: tools/list and tools/call', async () => {
    const { client, errors } = await sdkClient(addTool);
    const { tools } = await client.listTools();
    expect(tools).toEqual([{ name: 'add', description: 'Adds two numbers', inputSchema: addTool.inputSchema }]);
    await expect(client.callTool({ name: 'add', arguments: { a: 40, b: 2 } })).resolves.toEqual({ content: [{ type: 'text', text: '42' }] });
    expect(errors).toEqual([]);
  });
});

describe('protocol errors versus tool errors', () => {
  it('answers an unknown tool with a JSON-RPC error, -32602', async () => {
    const { server, messages } = await ready(addTool);
    await server.handle(call(1, 'subtract', {}));
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 1, error: expect.objectContaining({ code: ErrorCode.InvalidParams }) }]);
  });

  it('answers a call without a name, or with arguments that are not an object, with -32602', async () => {
    const { server, messages } = await ready(addTool);
    await server.handle({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: {} });
    await server.handle(call(2, 'add', [1, 2]));
    await server.handle(call(3, 'add', 'a=1'));
    expect(messages().map((m) => [m.id, (m.error as { code: number } | undefined)?.code])).toEqual([
      [1, -32602],
      [2, -32602],
      [3, -32602],
    ]);
  });

  it('answers an unknown method with -32601', async () => {
    const { server, messages } = await ready();
    await server.handle({ jsonrpc: '2.0', id: 7, method: 'resources/list' });
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 7, error: expect.objectContaining({ code: ErrorCode.MethodNotFound }) }]);
  });

  it('reports arguments that do not fit the schema as a tool execution error, without running the tool', async () => {
    let ran = 0;
    const { server, messages } = await ready({ ...addTool, handler: () => (ran++, text('ran')) });
    await server.handle(call(1, 'add', { a: 1 }));
    await server.handle(call(2, 'add', { a: 1, b: 'two' }));
    await server.handle(call(3, 'add', { a: 1, b: 2, c: 3 }));
    for (const message of messages()) {
      expect(message, 'invalid arguments are a result with isError: true, so the model can correct them').toMatchObject({
        result: { isError: true, content: [{ type: 'text', text: expect.any(String) }] },
      });
    }
    expect(messages().map((m) => m.id)).toEqual([1, 2, 3]);
    const texts = messages().map((m) => ((m.result as CallToolResult).content[0] as { text: string }).text);
    [{ a: 1 }, { a: 1, b: 'two' }, { a: 1, b: 2, c: 3 }].forEach((args, i) => {
      for (const problem of checkArguments(addTool.inputSchema, args)) {
        expect(texts[i], 'the tool error says what is wrong with the arguments, as checkArguments words it').toContain(problem);
      }
    });
    expect(ran).toBe(0);
  });

  it('reports a handler that throws as a tool execution error carrying its message', async () => {
    const { server, messages } = await ready({
      ...addTool,
      name: 'weather',
      inputSchema: { type: 'object' },
      handler: async () => {
        throw new Error('the weather API answered 503');
      },
    });
    await server.handle(call(1, 'weather', {}));
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'the weather API answered 503' }], isError: true } }]);
  });

  it('answers a handler that returns something other than a CallToolResult with an Internal Error, -32603', async () => {
    const returns = [null, {}, { content: 'done' }, 'done'];
    const { server, messages } = await ready(
      ...returns.map((value, i) => ({ ...addTool, name: `bad${i}`, inputSchema: { type: 'object' as const }, handler: () => value as never })),
    );
    for (let i = 0; i < returns.length; i++) await server.handle(call(i, `bad${i}`, {}));
    expect(messages()).toEqual(returns.map((_, i) => ({ jsonrpc: '2.0', id: i, error: expect.objectContaining({ code: ErrorCode.InternalError }) })));
  });

  it('gives every JSON-RPC error a message that describes it', async () => {
    const { tool, gate } = gatedTool('slow');
    const { send, messages } = recorder();
    const server = new McpServer({ name: 'n', version: '1', send })
      .registerTool(addTool)
      .registerTool(tool)
      .registerTool({ ...addTool, name: 'bad', inputSchema: { type: 'object' }, handler: () => null as never });
    await server.handle({ jsonrpc: '2.0', id: 1, method: 'tools/list' }); // not initialized
    await server.handle(initialize(2, 20251125)); // protocolVersion not a string
    await server.handle(initialize(3));
    await server.handle(initialize(4)); // already initialized
    await server.handle([]); // a batch
    await server.handle('ping'); // not an object
    await server.handle({ jsonrpc: '1.0', id: 5, method: 'ping' }); // wrong jsonrpc
    await server.handle({ jsonrpc: '2.0', id: 6 }); // neither request nor response
    await server.handle({ jsonrpc: '2.0', id: 7, method: 'resources/list' }); // unknown method
    await server.handle({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: {} }); // no name
    await server.handle(call(9, 'subtract', {})); // unknown tool
    await server.handle(call(10, 'add', [1, 2])); // arguments not an object
    await server.handle(call(11, 'bad', {})); // returns no CallToolResult
    const slow = server.handle(call(12, 'slow', {}));
    await server.handle(call(12, 'slow', {})); // id in use
    gate.resolve(text('done'));
    await settled(slow, 'handle() finishing for the slow call once its handler has settled');
    const errors = messages().filter((m) => m.error !== undefined).map((m) => m.error as { code: number; message: unknown });
    expect(errors.map((e) => e.code)).toEqual([-32000, -32602, -32600, -32600, -32600, -32600, -32600, -32601, -32602, -32602, -32602, -32603, -32600]);
    for (const error of errors) {
      expect(typeof error.message === 'string' && error.message.trim().length > 0, `error ${error.code} needs a message describing it (JSON-RPC 2.0), got ${JSON.stringify(error.message)}`).toBe(true);
    }
  });

  it('passes a result with isError: true through as it is', async () => {
    const failing = { content: [{ type: 'text' as const, text: 'no such city' }], isError: true };
    const { server, messages } = await ready({ ...addTool, name: 'city', inputSchema: { type: 'object' }, handler: () => failing });
    await server.handle(call(1, 'city'));
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 1, result: failing }]);
  });

  it('looks like an McpError to the SDK client for an unknown tool, and like a result for a failed one', async () => {
    const { client } = await sdkClient(addTool);
    const error = await client.callTool({ name: 'nope', arguments: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(SdkErrorCode.InvalidParams);
    await expect(client.callTool({ name: 'add', arguments: { a: 1 } })).resolves.toMatchObject({ isError: true });
  });
});

describe('reports progress only when asked', () => {
  it('sends notifications/progress quoting the caller\'s token, related to the call', async () => {
    const { tool, gate, seen } = gatedTool();
    const { server, sent } = await ready(tool);
    const done = server.handle(call(5, 'gated', {}, { progressToken: 'tok-5' }));
    await flushMicrotasks();
    seen.report!(1, 3, 'one');
    seen.report!(2.5);
    gate.resolve(text('done'));
    await settled(done, 'handle() finishing once the handler has settled');
    expect(sent).toEqual([
      { message: { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'tok-5', progress: 1, total: 3, message: 'one' } }, related: 5 },
      { message: { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'tok-5', progress: 2.5 } }, related: 5 },
      { message: { jsonrpc: '2.0', id: 5, result: { content: [{ type: 'text', text: 'done' }] } }, related: 5 },
    ]);
  });

  it('sends no progress when the request carried no token', async () => {
    const { tool, gate, seen } = gatedTool();
    const { server, messages } = await ready(tool);
    const done = server.handle(call(1, 'gated', {}));
    await flushMicrotasks();
    seen.report!(1, 2);
    gate.resolve(text('done'));
    await settled(done, 'handle() finishing once the handler has settled');
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'done' }] } }]);
  });

  it('refuses progress that does not increase, and sends nothing for it', async () => {
    const { tool, gate, seen } = gatedTool();
    const { server, messages } = await ready(tool);
    const done = server.handle(call(1, 'gated', {}, { progressToken: 9 }));
    await flushMicrotasks();
    seen.report!(2, 10);
    expect(() => seen.report!(2, 10)).toThrow(RangeError);
    expect(() => seen.report!(1, 10)).toThrow(RangeError);
    expect(() => seen.report!(Number.NaN)).toThrow(RangeError);
    expect(() => seen.report!(3, Number.NaN), 'a total must be a finite number').toThrow(RangeError);
    expect(() => seen.report!(3, Number.POSITIVE_INFINITY), 'a total must be a finite number').toThrow(RangeError);
    gate.resolve(text('done'));
    await settled(done, 'handle() finishing once the handler has settled');
    expect(messages().filter((m) => m.method === 'notifications/progress').map((m) => (m.params as { progress: number }).progress)).toEqual([2]);
  });

  it('sends no progress for a token that is neither a string nor an integer', async () => {
    for (const progressToken of [null, 1.5, { id: 1 }, true]) {
      const { tool, gate, seen } = gatedTool();
      const { server, messages } = await ready(tool);
      const done = server.handle(call(1, 'gated', {}, { progressToken }));
      await flushMicrotasks();
      seen.report!(1, 2);
      gate.resolve(text('done'));
      await settled(done, 'handle() finishing once the handler has settled');
      expect(messages(), `MCP progress tokens are strings or integers: ${JSON.stringify(progressToken)} asks for no progress`).toEqual([
        { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'done' }] } },
      ]);
    }
  });

  it('sends no progress after the call has finished', async () => {
    const { tool, gate, seen } = gatedTool();
    const { server, messages } = await ready(tool);
    const done = server.handle(call(1, 'gated', {}, { progressToken: 'late' }));
    await flushMicrotasks();
    gate.resolve(text('done'));
    await settled(done, 'handle() finishing once the handler has settled');
    seen.report!(5, 5);
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'done' }] } }]);
  });

  it('delivers progress to the SDK client\'s onprogress', async () => {
    const { tool, gate, seen } = gatedTool();
    const { client } = await sdkClient(tool);
    const progress: unknown[] = [];
    const result = client.callTool({ name: 'gated', arguments: {} }, undefined, { onprogress: (p) => progress.push(p) });
    const tracked = track(result);
    await until(() => seen.report !== undefined || tracked.status !== 'pending', 'the tool being called', IN_PROCESS_MS);
    seen.report!(1, 2, 'half');
    await until(() => progress.length > 0, 'the first progress notification reaching the SDK client', IN_PROCESS_MS);
    gate.resolve(text('done'));
    await expect(result).resolves.toEqual(text('done'));
    expect(progress).toEqual([{ progress: 1, total: 2, message: 'half' }]);
  });
});

describe('cancellation stops the handler and sends no reply', () => {
  it('aborts the handler\'s signal with the given reason and never answers the request', async () => {
    const { tool, gate, seen } = gatedTool();
    const { server, messages } = await ready(tool);
    const done = server.handle(call(3, 'gated', {}, { progressToken: 3 }));
    await flushMicrotasks();
    expect(seen.signal!.aborted).toBe(false);
    await server.handle({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3, reason: 'the user pressed stop' } });
    expect(seen.signal!.aborted).toBe(true);
    expect(seen.signal!.reason).toBe('the user pressed stop');
    seen.report!(1, 2);
    gate.resolve(text('finished anyway'));
    await settled(done, 'handle() finishing once the handler has settled');
    expect(messages(), 'a cancelled request gets no response, and its progress stops').toEqual([]);
  });

  it('sends no reply when the handler rejects because of the abort', async () => {
    const { server, messages } = await ready({
      ...addTool,
      name: 'waits',
      inputSchema: { type: 'object' },
      handler: (_args, { signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    const done = server.handle(call('w', 'waits', {}));
    await flushMicrotasks();
    await server.handle({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'w' } });
    await settled(done, 'handle() finishing once the handler has settled');
    expect(messages()).toEqual([]);
  });

  it('cancels only the named request: the id must match exactly', async () => {
    const first = gatedTool('first');
    const second = gatedTool('second');
    const { server, messages } = await ready(first.tool, second.tool);
    const a = server.handle(call(1, 'first', {}));
    const b = server.handle(call('1', 'second', {}));
    await flushMicrotasks();
    await server.handle({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: '1' } });
    expect([first.seen.signal!.aborted, second.seen.signal!.aborted]).toEqual([false, true]);
    first.gate.resolve(text('one'));
    second.gate.resolve(text('two'));
    await settled(Promise.all([a, b]), 'handle() finishing for both calls once their handlers have settled');
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'one' }] } }]);
  });

  it('cancels only on notifications/cancelled, not on another notification naming the request', async () => {
    const { tool, gate, seen } = gatedTool();
    const { server, messages } = await ready(tool);
    const done = server.handle(call(1, 'gated', {}));
    await flushMicrotasks();
    await server.handle({ jsonrpc: '2.0', method: 'notifications/progress', params: { requestId: 1, progressToken: 1, progress: 1 } });
    await server.handle({ jsonrpc: '2.0', method: 'notifications/message', params: { requestId: 1, level: 'info', data: 'hi' } });
    expect(seen.signal!.aborted, 'only notifications/cancelled cancels a request').toBe(false);
    gate.resolve(text('done'));
    await settled(done, 'handle() finishing once the handler has settled');
    expect(messages().map((m) => m.id)).toEqual([1]);
  });

  it('ignores a cancellation that arrives after the answer', async () => {
    const { server, messages } = await ready(addTool);
    await server.handle(call(1, 'add', { a: 1, b: 1 }));
    await server.handle({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } });
    await server.handle(call(2, 'add', { a: 2, b: 2 }));
    expect(messages().map((m) => m.id)).toEqual([1, 2]);
  });

  it('stops the handler when the SDK client aborts the call', async () => {
    const { tool, seen } = gatedTool();
    const { client, transport, errors } = await sdkClient(tool);
    const controller = new AbortController();
    const result = client.callTool({ name: 'gated', arguments: {} }, undefined, { signal: controller.signal });
    const tracked = track(result);
    await until(() => seen.signal !== undefined || tracked.status !== 'pending', 'the tool being called', IN_PROCESS_MS);
    controller.abort('no longer needed');
    await expect(result).rejects.toThrow();
    await until(() => seen.signal!.aborted, 'the tool\'s signal aborting after the SDK client sent notifications/cancelled', IN_PROCESS_MS);
    await client.ping();
    const callId = transport.wire.entries.find((e) => e.message.method === 'tools/call')!.message.id;
    expect(transport.wire.fromServer().filter((m) => m.id === callId)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('rejects what is not a message', () => {
  it('answers a batch with one Invalid Request error that has no id', async () => {
    const { server, messages } = await ready(addTool);
    await server.handle([call(1, 'add', { a: 1, b: 1 }), call(2, 'add', { a: 1, b: 1 })]);
    expect(messages()).toEqual([{ jsonrpc: '2.0', error: expect.objectContaining({ code: ErrorCode.InvalidRequest }) }]);
  });

  it('answers malformed requests with Invalid Request, echoing a readable id', async () => {
    const { server, messages } = await ready(addTool);
    await server.handle('ping');
    await server.handle({ jsonrpc: '1.0', id: 4, method: 'ping' });
    await server.handle({ jsonrpc: '2.0', id: null, method: 'ping' });
    await server.handle({ jsonrpc: '2.0', id: 5, method: 'ping', params: [1] });
    await server.handle({ jsonrpc: '2.0', id: 6, method: 'ping', params: null });
    await server.handle({ jsonrpc: '2.0', id: 7 });
    expect(messages()).toEqual([
      { jsonrpc: '2.0', error: expect.objectContaining({ code: -32600 }) },
      { jsonrpc: '2.0', id: 4, error: expect.objectContaining({ code: -32600 }) },
      { jsonrpc: '2.0', error: expect.objectContaining({ code: -32600 }) },
      { jsonrpc: '2.0', id: 5, error: expect.objectContaining({ code: -32600 }) },
      { jsonrpc: '2.0', id: 6, error: expect.objectContaining({ code: -32600 }) },
      { jsonrpc: '2.0', id: 7, error: expect.objectContaining({ code: -32600 }) },
    ]);
  });

  it('answers null, undefined and other non-objects with Invalid Request instead of failing', async () => {
    const { server, messages } = await ready(addTool);
    for (const message of [null, undefined, 42, true]) {
      await expect(server.handle(message), `handle(${String(message)}) must not reject`).resolves.toBeUndefined();
    }
    expect(messages()).toEqual(Array.from({ length: 4 }, () => ({ jsonrpc: '2.0', error: expect.objectContaining({ code: -32600 }) })));
  });

  it('ignores responses: it sent no request they could answer', async () => {
    const { server, messages } = await ready();
    await server.handle({ jsonrpc: '2.0', id: 1, result: {} });
    await server.handle({ jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'Method not found' } });
    await server.handle({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' } });
    expect(messages(), 'answering a response, even an error without an id, could start an endless exchange of errors').toEqual([]);
  });
});

describe('serves requests concurrently', () => {
  it('answers a fast call while a slow one is still running, each with its own id', async () => {
    const { tool, gate } = gatedTool('slow');
    const { server, messages } = await ready(tool, addTool);
    const slow = server.handle(call('slow-1', 'slow', {}));
    await server.handle(call('fast-1', 'add', { a: 1, b: 2 }));
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 'fast-1', result: { content: [{ type: 'text', text: '3' }] } }]);
    gate.resolve(text('slow done'));
    await settled(slow, 'handle() finishing for the slow call once its handler has settled');
    expect(messages().map((m) => m.id)).toEqual(['fast-1', 'slow-1']);
  });

  it('accepts an id again once its request has been answered: it remembers only running calls', async () => {
    const { server, messages } = await ready(addTool);
    await server.handle(call(1, 'add', { a: 1, b: 1 }));
    await server.handle(call(1, 'add', { a: 2, b: 2 }));
    expect(messages()).toEqual([
      { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: '2' }] } },
      { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: '4' }] } },
    ]);
  });

  it('keeps a reused id in use when the cancelled call that first had it finishes late', async () => {
    const first = gatedTool('first');
    const second = gatedTool('second');
    const { server, messages } = await ready(first.tool, second.tool);
    const a = server.handle(call(1, 'first', {}));
    await flushMicrotasks();
    await server.handle({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } });
    const b = server.handle(call(1, 'second', {}));
    await flushMicrotasks();
    first.gate.resolve(text('late'));
    await settled(a, 'handle() finishing for the cancelled call once its handler has settled');
    await server.handle({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } });
    expect(second.seen.signal!.aborted, 'the second call with id 1 is still running, so cancelling id 1 must reach it').toBe(true);
    second.gate.resolve(text('two'));
    await settled(b, 'handle() finishing for the second call once its handler has settled');
    expect(messages()).toEqual([]);
  });

  it('refuses a request whose id is still in use', async () => {
    const { tool, gate } = gatedTool('slow');
    const { server, messages } = await ready(tool);
    const slow = server.handle(call(1, 'slow', {}));
    await server.handle(call(1, 'slow', {}));
    expect(messages()).toEqual([{ jsonrpc: '2.0', id: 1, error: expect.objectContaining({ code: ErrorCode.InvalidRequest }) }]);
    gate.resolve(text('done'));
    await settled(slow, 'handle() finishing for the slow call once its handler has settled');
  });
});

describe('close aborts running calls', () => {
  it('aborts every running handler, answers none of them, and ignores later messages', async () => {
    const one = gatedTool('one');
    const two = gatedTool('two');
    const { server, messages } = await ready(one.tool, two.tool);
    const a = server.handle(call(1, 'one', {}));
    const b = server.handle(call(2, 'two', {}));
    await flushMicrotasks();
    server.close();
    expect([one.seen.signal!.aborted, two.seen.signal!.aborted]).toEqual([true, true]);
    expect(one.seen.signal!.reason, 'close() without a reason aborts with its default reason').toBe('the server closed');
    one.gate.resolve(text('one'));
    two.gate.resolve(text('two'));
    await settled(Promise.all([a, b]), 'handle() finishing for both calls once their handlers have settled');
    await server.handle({ jsonrpc: '2.0', id: 3, method: 'ping' });
    const later = server.handle(call(4, 'one', {}));
    await flushMicrotasks();
    expect(one.seen.started, 'a tools/call after close() must not run the tool').toBe(1);
    await settled(later, 'handle() returning for a message after close()');
    expect(messages()).toEqual([]);
  });
});
