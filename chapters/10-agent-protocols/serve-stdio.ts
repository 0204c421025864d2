// stub-hash: 2b92a60f25cd41f4
// Exercise 10-agent-protocols/serve-stdio: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 10-agent-protocols/serve-stdio

import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { ErrorCode, LATEST_PROTOCOL_VERSION, McpServer, type JsonRpcMessage } from './mcp-server.ts';

/** Options of {@link registerDemoTools}. */
export interface DemoToolOptions {
  /** How long `count_slowly` waits before each step, in milliseconds. Defaults to 100. */
  stepMs?: number;
}

/**
 * Registers the chapter's two demo tools on a server and returns it:
 *
 * - `add`, arguments `{ a: number, b: number }` (both required, nothing else allowed): one text
 *   block holding the sum, `"5"` for 2 and 3.
 * - `count_slowly`, arguments `{ to: integer }` from 1 to 1000 (required, nothing else allowed):
 *   for each step n = 1 … to, waits `stepMs` (with the global `setTimeout`, which a test can run
 *   in virtual time), then reports progress n of total `to` (message `"step n of to"`); then one
 *   text block, `"done"`. Cancelling the call (or closing the server) stops it during the wait or
 *   while it reports a step, so it never takes another step and leaves no timer running; a
 *   finished wait leaves no listener on the call's signal.
 *
 * Arguments that do not fit these schemas never reach the handlers: the server answers them with
 * a tool execution error.
 *
 * @example
 * const server = registerDemoTools(new McpServer({ name: 'demo', version: '1.0.0', send }), { stepMs: 10 });
 */
export function registerDemoTools(server: McpServer, options: DemoToolOptions = {}): McpServer {
  // TODO: implement registerDemoTools.
  throw new Error('TODO: implement registerDemoTools');
}

/** Options of {@link serveStdio}; the defaults are the process's own streams. */
export interface ServeStdioOptions {
  /** Where the client's messages arrive. Defaults to `process.stdin`. */
  input?: Readable;
  /** Where the server's messages go, one JSON text per line. Defaults to `process.stdout`. */
  output?: Writable;
  /** Where log lines go. Defaults to `process.stderr`: stdout carries protocol messages only. */
  log?: Writable;
  /** Passed to {@link registerDemoTools}. */
  stepMs?: number;
  /** The longest message accepted, in UTF-8 bytes without its newline. Defaults to 1 MiB. */
  maxLineBytes?: number;
}

/**
 * Serves an {@link McpServer} with the demo tools over MCP's stdio transport: every message is
 * one line of UTF-8 JSON ended by `\n` (newline-delimited JSON, as in chapter 01), in both
 * directions.
 *
 * - Input may arrive in chunks cut anywhere, inside a line or inside a multi-byte character, as
 *   Buffers or (from a stream with an encoding set) as strings; a `\r` before the `\n` is
 *   dropped, empty lines are skipped, and a last line without `\n` still counts when the input
 *   ends.
 * - A line that is not JSON, or longer than `maxLineBytes`, is answered with a Parse Error
 *   (-32700) that has no id, whose message says which of the two it was (a line too long names
 *   the limit, in bytes); the server carries on with the next line. A line of exactly
 *   `maxLineBytes` fits, with or without a `\r` before its `\n`, and the bytes of a line too long
 *   are dropped as they arrive, not kept until its end.
 * - Every message the server sends is written as `JSON.stringify(message) + '\n'`: JSON text never
 *   holds a raw newline, so one message is always one line.
 * - Nothing but protocol messages goes to `output`. A line saying the server is ready goes to
 *   `log`, and so does any unexpected error.
 * - When the input ends, the server closes (running tool calls are aborted) and the returned
 *   promise resolves; nothing is left running, so the process can exit on its own with status 0.
 *   When the input fails, the server closes the same way and the promise rejects with its error.
 *   When the output fails (the client has gone), the server logs it and closes.
 *
 * @example
 * await serveStdio(); // serves process.stdin / process.stdout until stdin closes
 */
export function serveStdio(options: ServeStdioOptions = {}): Promise<void> {
  // TODO: implement serveStdio.
  throw new Error('TODO: implement serveStdio');
}

/**
 * Runs the server when this file is the program (`npx tsx chapters/10-agent-protocols/serve-stdio.ts`),
 * and not when another module imports it.
 *
 * @provided
 */
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  Promise.resolve()
    .then(() => serveStdio())
    .catch((error: unknown) => {
      process.stderr.write(`serve-stdio: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
