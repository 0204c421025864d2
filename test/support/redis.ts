import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { findProgram } from '../../core/programs.ts';

/**
 * A real `redis-server` (Debian's package) for a graded suite: one fresh server per suite file,
 * listening only on a Unix socket in its own temporary folder (`--port 0` turns TCP off), with
 * persistence off, so nothing is written anywhere else. The folder and the server go away in
 * `afterAll`; folders left by a run that was killed are removed by the next one.
 */

const PREFIX = 'workbook-redis-';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const SYNC_TIMEOUT_MS = 2_000;

/** The install line shown when the server is missing (the same as in the chapter's manifest). */
export const REDIS_INSTALL = 'apt-get install -y redis-server';

export interface RedisServer {
  /** The Unix socket the server listens on. */
  socket: string;
  /** Stops the server and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts a server and resolves once it answers `PING` on its socket. */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = findProgram('redis-server');
  if (!binary) {
    throw new Error(`This exercise is graded against a real Redis, and redis-server is not installed. Install it with: ${REDIS_INSTALL}`);
  }
  removeStaleFolders();
  const dir = mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
  const socket = path.join(dir, 'redis.sock');
  const child = spawn(
    binary,
    ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If the test process ends without afterAll (an uncaught error), the server must not outlive it.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForPong(socket, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { socket, stop };
}

/**
 * Polls the socket until the server answers `PING`: each attempt connects, and a refused or
 * missing socket is retried after a few milliseconds, until the server exits or the deadline passes.
 */
async function waitForPong(socket: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited before it was ready (${child.exitCode ?? child.signalCode}):\n${output().trim()}`);
    }
    if (await ping(socket)) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${socket} within ${START_TIMEOUT_MS} ms:\n${output().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(socket)) return resolve(false);
    const connection = net.createConnection(socket);
    let reply = '';
    const done = (ok: boolean): void => {
      connection.destroy();
      resolve(ok);
    };
    connection.once('connect', () => connection.write('PING\r\n'));
    connection.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    connection.once('error', () => done(false));
  });
}

/** Removes folders of earlier runs whose process is gone (a run killed before its afterAll). */
function removeStaleFolders(): void {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (!pid || isAlive(Number(pid))) continue;
    rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The commands a `MONITOR` connection saw, in the order the server ran them. */
export interface CommandLog {
  /** Each command as `[name in lower case, ...arguments]`. */
  readonly commands: string[][];
  /** Resolves once every command the server ran before this call is in `commands`. */
  sync(): Promise<void>;
}

export interface RedisHarness {
  /** A new client on the suite's server; it is disconnected after the current test. */
  client(options?: RedisOptions): Redis;
  /** Starts recording every command the server runs (`MONITOR`), until the current test ends. */
  monitor(): Promise<CommandLog>;
  /** The running server (available inside tests and hooks). */
  server(): RedisServer;
}

/**
 * Registers the hooks of a suite that talks to Redis: a server for the whole file (started in
 * `beforeAll`, stopped in `afterAll`), an empty database before each test (`FLUSHALL`), and every
 * client made with `client()` disconnected after each test, so no test sees another's data or
 * leaves a connection open.
 */
export function useRedisServer(): RedisHarness {
  let running: RedisServer | undefined;
  let admin: Redis | undefined;
  const clients = new Set<Redis>();

  beforeAll(async () => {
    running = await startRedisServer();
    admin = connect(running.socket);
  }, START_TIMEOUT_MS + 2_000);

  beforeEach(async () => {
    await admin!.flushall();
  });

  afterEach(() => {
    for (const client of clients) client.disconnect();
    clients.clear();
  });

  afterAll(async () => {
    admin?.disconnect();
    await running?.stop();
  }, STOP_TIMEOUT_MS + 2_000);

  return {
    client(options = {}) {
      if (!running) throw new Error('the Redis server is not running: call client() inside a test or hook');
      const client = connect(running.socket, options);
      clients.add(client);
      return client;
    },
    async monitor() {
      if (!running) throw new Error('the Redis server is not running: call monitor() inside a test or hook');
      const source = connect(running.socket);
      clients.add(source);
      const monitor = await source.monitor();
      clients.add(monitor);
      const commands: string[][] = [];
      const waiters = new Map<string, () => void>();
      monitor.on('monitor', (_time: string, args: string[]) => {
        const [name = '', ...rest] = args;
        if (name.toLowerCase() === 'echo' && waiters.has(rest[0]!)) {
          waiters.get(rest[0]!)!();
          waiters.delete(rest[0]!);
          return;
        }
        commands.push([name.toLowerCase(), ...rest]);
      });
      let marks = 0;
      return {
        commands,
        async sync() {
          // Redis runs commands one at a time, so once the monitor sees this ECHO it has seen
          // everything that ran before it.
          const mark = `workbook-monitor-sync-${++marks}`;
          let timer: NodeJS.Timeout | undefined;
          const seen = new Promise<void>((resolve, reject) => {
            waiters.set(mark, resolve);
            timer = setTimeout(() => reject(new Error('the MONITOR connection stopped reporting commands')), SYNC_TIMEOUT_MS);
          });
          await source.echo(mark);
          await seen.finally(() => clearTimeout(timer));
        },
      };
    },
    server() {
      if (!running) throw new Error('the Redis server is not running: call server() inside a test or hook');
      return running;
    },
  };
}

function connect(socket: string, options: RedisOptions = {}): Redis {
  // No reconnecting: a command on a closed client fails at once instead of waiting for a server
  // that is gone, which is what a crashed worker's connection should do.
  return new Redis({ path: socket, maxRetriesPerRequest: 0, retryStrategy: () => null, ...options });
}
