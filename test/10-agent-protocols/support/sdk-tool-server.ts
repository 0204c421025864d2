/**
 * An MCP server built with the official SDK (`McpServer` over `StdioServerTransport`): the peer
 * the mcp-client suite grades the learner's client against. It also remembers every message it
 * received, and the `received` tool returns that list, so a test can check what the client sent.
 *
 * Environment: `PAGE_SIZE` (when set, tools/list answers in pages of that many tools, with
 * `nextCursor`), `STEP_MS` (the wait before each step of count_slowly, default 20).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ListToolsRequestSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const stepMs = Number(process.env.STEP_MS ?? 20);
const received: JSONRPCMessage[] = [];
const events: string[] = [];
const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

/** Resolves after `ms`, or rejects as soon as the request is cancelled. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

const server = new McpServer({ name: 'sdk-tool-server', version: '3.1.4', title: 'SDK tool server' }, { instructions: 'Tools for the workbook client suite.' });

server.registerTool('add', { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => text(String(a + b)));

server.registerTool(
  'count_slowly',
  { description: 'Counts to `to`, reporting progress after each step', inputSchema: { to: z.number().int().min(1) } },
  async ({ to }, extra) => {
    const token = extra._meta?.progressToken;
    extra.signal.addEventListener('abort', () => events.push(`aborted count_slowly ${String(extra.requestId)}`));
    for (let step = 1; step <= to; step++) {
      await wait(stepMs, extra.signal);
      if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: step, total: to } });
    }
    return text('done');
  },
);

server.registerTool(
  'echo_after',
  { description: 'Answers `text` after `ms` milliseconds', inputSchema: { text: z.string(), ms: z.number().int().min(0) } },
  async ({ text: value, ms }, extra) => {
    await wait(ms, extra.signal);
    return text(value);
  },
);

// `hold` answers only once `release` is called with the same key: an answer that is late by
// construction, not by timing.
const held = new Map<string, () => void>();
server.registerTool('hold', { description: 'Answers once `release` is called with the same key', inputSchema: { key: z.string() } }, async ({ key }, extra) => {
  await new Promise<void>((resolve, reject) => {
    held.set(key, resolve);
    extra.signal.addEventListener('abort', () => reject(extra.signal.reason));
  });
  return text(`released ${key}`);
});
server.registerTool('release', { description: 'Lets the `hold` call with this key answer', inputSchema: { key: z.string() } }, ({ key }) => {
  const release = held.get(key);
  held.delete(key);
  release?.();
  return text(release ? `released ${key}` : `nothing held under ${key}`);
});

server.registerTool('fail', { description: 'Always fails', inputSchema: { message: z.string() } }, ({ message }) => {
  throw new Error(message);
});

server.registerTool('ping_client', { description: 'Pings the client and reports the answer' }, async () => {
  const answer = await server.server.ping();
  return text(`pong ${JSON.stringify(answer)}`);
});

server.registerTool('exit', { description: 'Ends the server process', inputSchema: { code: z.number().int() } }, ({ code }) => {
  setImmediate(() => process.exit(code));
  return new Promise<never>(() => {});
});

server.registerTool('received', { description: 'Returns every message this server received, and what it noticed' }, () =>
  text(JSON.stringify({ received, events, clientInfo: server.server.getClientVersion() ?? null })),
);

const pageSize = Number(process.env.PAGE_SIZE ?? 0);
if (pageSize > 0) {
  // Replaces the SDK's own tools/list with one that answers in pages, over the same names.
  const names = ['add', 'count_slowly', 'echo_after', 'hold', 'release', 'fail', 'ping_client', 'exit', 'received'];
  server.server.setRequestHandler(ListToolsRequestSchema, (request) => {
    const start = Number(request.params?.cursor ?? 0);
    const tools = names.slice(start, start + pageSize).map((name) => ({ name, description: `the ${name} tool`, inputSchema: { type: 'object' as const } }));
    const next = start + pageSize;
    return next < names.length ? { tools, nextCursor: String(next) } : { tools };
  });
}

const transport = new StdioServerTransport();
// The SDK calls a transport's existing onmessage before its own handling: a record of the wire.
transport.onmessage = (message) => {
  received.push(message);
};
transport.onerror = (error) => events.push(`transport error: ${error.message}`);
server.server.oninitialized = () => events.push('initialized');
await server.connect(transport);
process.stderr.write('sdk-tool-server: ready\n');
