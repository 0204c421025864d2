/**
 * Real peers for the chapter's suites, and the bookkeeping that keeps them from outliving a test:
 * every child process is killed and every client and server closed in `afterEach`, and every wait
 * is bounded, so a stub or a broken implementation fails in seconds instead of hanging.
 *
 * Waits are driven by events (a message arriving, a process exiting); the real-time bound only
 * turns "never happened" into a failure that says what was awaited.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach } from 'vitest';
import { mutationChildEnv, mutationNodeArgs } from '../../support/mutation-children.ts';
import { childEnv, nodeArgs, prepareEditedOverrides, ROOT } from './target.ts';

// Captured before any test can install fake timers: bounds always run in real time.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** How long any single expected event may take before the test fails; generous for a loaded machine. */
export const BOUND_MS = 10_000;

/** A test's time limit when it starts processes: several bounded waits fit in it. */
export const PROCESS_TEST_TIMEOUT = 30_000;

/** Resolves with `promise`, or rejects when it has not settled within `ms`, naming what was awaited. */
export function within<T>(promise: Promise<T>, what: string, ms = BOUND_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = realSetTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        realClearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        realClearTimeout(timer);
        reject(error);
      },
    );
  });
}

const realSetImmediate = globalThis.setImmediate;

/**
 * Resolves once `condition()` holds, checking after each turn of the event loop (no timers), or
 * fails when it still does not hold after `ms`.
 */
export function until(condition: () => boolean, what: string, ms = BOUND_MS): Promise<void> {
  let stop = false;
  const poll = (async () => {
    while (!stop && !condition()) await new Promise((resolve) => realSetImmediate(resolve));
  })();
  return within(poll, what, ms).finally(() => {
    stop = true;
  });
}

/** Which side sent a message, and the message as it crossed the wire. */
export interface WireEntry {
  from: 'client' | 'server';
  message: Record<string, unknown>;
}

/** Items in the order they arrived, with event-driven waits on what arrives. */
export class Log<T> {
  readonly items: T[] = [];
  #waiters: { match: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.match(item)) return true;
      waiter.resolve(item);
      return false;
    });
  }

  /** The first item (already seen or still to come) that matches, within the bound. */
  first(match: (item: T) => boolean, what: string, ms = BOUND_MS): Promise<T> {
    const seen = this.items.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return within(new Promise<T>((resolve) => this.#waiters.push({ match, resolve })), what, ms);
  }
}

/** Every message of one connection, in order, with event-driven waits on what arrives. */
export class Wire {
  readonly #log = new Log<WireEntry>();

  get entries(): readonly WireEntry[] {
    return this.#log.items;
  }

  push(from: WireEntry['from'], message: unknown): void {
    this.#log.push({ from, message: structuredClone(message) as Record<string, unknown> });
  }

  /** The first entry (already seen or still to come) that matches, within the bound. */
  waitFor(match: (entry: WireEntry) => boolean, what: string, ms = BOUND_MS): Promise<WireEntry> {
    return this.#log.first(match, what, ms);
  }

  /** What the server sent, in order. */
  fromServer(): Record<string, unknown>[] {
    return this.entries.filter((e) => e.from === 'server').map((e) => e.message);
  }

  /** The id the client gave to its request for `method` (the last one when there were several). */
  requestId(method: string, toolName?: string): string | number | undefined {
    const requests = this.entries.filter(
      (e) => e.from === 'client' && e.message.method === method && 'id' in e.message && (toolName === undefined || (e.message.params as { name?: string })?.name === toolName),
    );
    return requests.at(-1)?.message.id as string | number | undefined;
  }
}

type Cleanup = () => Promise<void> | void;

/** What to clean up after the current test, and after the whole file. */
const afterTest: Cleanup[] = [];
const afterFile: Cleanup[] = [];

/** Registers a cleanup for after the current test; cleanups run in reverse order of registration. */
export function afterThisTest(cleanup: Cleanup): void {
  afterTest.push(cleanup);
}

/** Registers a cleanup for after the last test of the file (for a peer that several tests share). */
export function afterThisFile(cleanup: Cleanup): void {
  afterFile.push(cleanup);
}

async function runAll(list: Cleanup[]): Promise<void> {
  const errors: unknown[] = [];
  for (const cleanup of list.splice(0).reverse()) {
    try {
      await within(Promise.resolve().then(cleanup), 'cleaning up after the test');
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

afterEach(() => runAll(afterTest));
afterAll(() => runAll(afterFile));

/** Kills a process by pid if it still runs (the SDK transport keeps its ChildProcess private). */
export function killIfAlive(pid: number | null | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Whether a process with this pid still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let environment: Promise<NodeJS.ProcessEnv> | undefined;

/** The environment every child of this file gets; known-bad edits are prepared once, removed after the file. */
function childEnvironment(): Promise<NodeJS.ProcessEnv> {
  environment ??= prepareEditedOverrides().then(({ modules, folder }) => {
    if (folder) afterThisFile(() => rmSync(folder, { recursive: true, force: true }));
    return childEnv(modules);
  });
  return environment;
}

/** An SDK client connected to a child process over stdio, with the wire recorded. */
export interface StdioPeer {
  client: Client;
  transport: StdioClientTransport;
  wire: Wire;
  /** Errors the SDK client reported (a malformed line, a response to an unknown id, …). */
  errors: Error[];
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  pid: number | null;
}

/**
 * Starts `entry` (a TypeScript file) with tsx and the workbook loader as an MCP server and
 * connects the official SDK client to it over stdio. The child runs the suite's target.
 */
export async function connectStdio(entry: string, scope: 'test' | 'file' = 'test'): Promise<StdioPeer> {
  const env = { ...(await childEnvironment()), ...mutationChildEnv() } as Record<string, string>;
  const transport = new StdioClientTransport({ command: process.execPath, args: nodeArgs(entry, mutationNodeArgs()), env, cwd: ROOT, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const wire = new Wire();
  const errors: Error[] = [];
  // The SDK calls a transport's existing onmessage before its own handling: a tap on the wire.
  transport.onmessage = (message: JSONRPCMessage) => wire.push('server', message);
  const send = transport.send.bind(transport);
  transport.send = (message: JSONRPCMessage) => {
    wire.push('client', message);
    return send(message);
  };
  const client = new Client({ name: 'workbook-suite', version: '1.0.0' });
  client.onerror = (error) => errors.push(error);
  (scope === 'test' ? afterThisTest : afterThisFile)(async () => {
    killIfAlive(transport.pid);
    await client.close();
  });
  await within(client.connect(transport, { timeout: BOUND_MS }), 'the MCP handshake (initialize, then notifications/initialized)', BOUND_MS + 1_000).catch((error: unknown) => {
    throw new Error(`the server did not complete the handshake: ${(error as Error).message}${stderr ? `\nits stderr:\n${stderr.slice(0, 2_000)}` : ''}`, { cause: error });
  });
  return { client, transport, wire, errors, stderr: () => stderr, pid: transport.pid };
}

/** A child process on raw pipes, with its stdout split into lines and its exit awaited. */
export interface RawChild {
  child: ChildProcess;
  write(text: string | Buffer): void;
  /** Every complete stdout line so far. */
  lines: string[];
  stderr(): string;
  /** Resolves with the `index`-th stdout line (0-based), within the bound. */
  line(index: number, what: string): Promise<string>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `entry` with tsx and the workbook loader on plain pipes, for tests of the bytes themselves. */
export async function startRaw(entry: string): Promise<RawChild> {
  const env = { ...(await childEnvironment()), ...mutationChildEnv() };
  const child = spawn(process.execPath, nodeArgs(entry, mutationNodeArgs()), { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  afterThisTest(() => killIfAlive(child.exitCode === null && child.signalCode === null ? child.pid : undefined));
  const lines: string[] = [];
  const waiters = new Map<number, () => void>();
  let partial = Buffer.alloc(0);
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    partial = Buffer.concat([partial, chunk]);
    for (let newline = partial.indexOf(0x0a); newline >= 0; newline = partial.indexOf(0x0a)) {
      lines.push(partial.subarray(0, newline).toString('utf8'));
      partial = partial.subarray(newline + 1);
      waiters.get(lines.length - 1)?.();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdin!.on('error', () => {}); // a child that already exited: its exit is what the test sees
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    lines,
    exited,
    write: (text) => child.stdin!.write(text),
    stderr: () => stderr,
    line: (index, what) =>
      index < lines.length
        ? Promise.resolve(lines[index]!)
        : within(
            Promise.race([
              new Promise<string>((resolve) => waiters.set(index, () => resolve(lines[index]!))),
              exited.then(({ code }) => Promise.reject(new Error(`the server exited (code ${code}) before ${what}; its stderr:\n${stderr.slice(0, 2_000)}`))),
            ]),
            what,
          ),
  };
}

/** A well-formed initialize request, as any client sends it first. */
export function initializeRequest(id: string | number = 0, protocolVersion = '2025-11-25'): Record<string, unknown> {
  return { jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: { name: 'workbook-suite', version: '1.0.0' } } };
}
