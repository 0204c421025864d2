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
  const stepMs = options.stepMs ?? 100;
  server.registerTool({
    name: 'add',
    title: 'Add two numbers',
    description: 'Adds two numbers and returns the sum as text.',
    inputSchema: {
      type: 'object',
      properties: { a: { type: 'number', description: 'The first addend' }, b: { type: 'number', description: 'The second addend' } },
      required: ['a', 'b'],
      additionalProperties: false,
    },
    handler: ({ a, b }) => ({ content: [{ type: 'text', text: String((a as number) + (b as number)) }] }),
  });
  server.registerTool({
    name: 'count_slowly',
    title: 'Count slowly',
    description: 'Counts from 1 to `to`, one step at a time, reporting progress after each step; returns "done".',
    inputSchema: {
      type: 'object',
      properties: { to: { type: 'integer', minimum: 1, maximum: 1000, description: 'How many steps to take' } },
      required: ['to'],
      additionalProperties: false,
    },
    handler: async ({ to }, { signal, reportProgress }) => {
      const total = to as number;
      for (let step = 1; step <= total; step++) {
        await delay(stepMs, signal);
        reportProgress(step, total, `step ${step} of ${total}`);
      }
      return { content: [{ type: 'text', text: 'done' }] };
    },
  });
  return server;
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
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const log = options.log ?? process.stderr;
  const send = (message: JsonRpcMessage): void => {
    if (!output.writableEnded && !output.destroyed) output.write(`${JSON.stringify(message)}\n`);
  };
  const server = registerDemoTools(new McpServer({ name: 'workbook-demo', version: '1.0.0', title: 'Workbook demo tools', send }), {
    stepMs: options.stepMs,
  });
  const lines = new LineReader(options.maxLineBytes ?? 1_048_576);
  const parseError = (message: string): void => send({ jsonrpc: '2.0', error: { code: ErrorCode.ParseError, message } });
  const receive = (line: Line): void => {
    if (line.kind === 'too-long') return parseError(`Parse error: message longer than ${lines.limit} bytes`);
    let message: unknown;
    try {
      message = JSON.parse(line.text);
    } catch {
      return parseError('Parse error: not valid JSON');
    }
    server.handle(message).catch((error: unknown) => log.write(`serve-stdio: ${String(error)}\n`));
  };

  return new Promise<void>((resolve, reject) => {
    // The client may go away first: a write to a closed pipe must end the server, not crash it.
    output.on('error', (error) => {
      log.write(`serve-stdio: output closed (${error.message})\n`);
      server.close();
    });
    input.on('data', (chunk: Buffer | string) => {
      for (const line of lines.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) receive(line);
    });
    input.once('end', () => {
      for (const line of lines.end()) receive(line);
      server.close('stdin closed');
      resolve();
    });
    input.once('error', (error) => {
      server.close();
      reject(error);
    });
    log.write(`serve-stdio: MCP server ready on stdio (protocol ${LATEST_PROTOCOL_VERSION}); logs go to stderr\n`);
  });
}

type Line = { kind: 'text'; text: string } | { kind: 'too-long' };

/** Splits a byte stream into lines; bytes, not strings, so a character cut in two survives. */
class LineReader {
  readonly limit: number;
  #pieces: Buffer[] = [];
  #length = 0;
  #overflow = false;

  constructor(limit: number) {
    this.limit = limit;
  }

  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      this.#append(chunk.subarray(start, newline));
      this.#finish(lines);
      start = newline + 1;
    }
    this.#append(chunk.subarray(start));
    return lines;
  }

  end(): Line[] {
    const lines: Line[] = [];
    if (this.#length > 0 || this.#overflow) this.#finish(lines);
    return lines;
  }

  #append(bytes: Buffer): void {
    if (this.#overflow || bytes.length === 0) return;
    // One byte of slack for the `\r` of a `\r\n` after a line of exactly `limit` bytes.
    if (this.#length + bytes.length > this.limit + 1) {
      this.#overflow = true;
      this.#pieces = [];
      this.#length = 0;
      return;
    }
    this.#pieces.push(Buffer.from(bytes)); // a copy: the stream may reuse its buffer
    this.#length += bytes.length;
  }

  #finish(lines: Line[]): void {
    let bytes = Buffer.concat(this.#pieces, this.#length);
    const overflow = this.#overflow;
    this.#pieces = [];
    this.#length = 0;
    this.#overflow = false;
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    if (overflow || bytes.length > this.limit) lines.push({ kind: 'too-long' });
    else if (bytes.length > 0) lines.push({ kind: 'text', text: bytes.toString('utf8') });
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts; the timer never outlives it. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
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
