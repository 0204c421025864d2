/**
 * A scripted MCP server for the client's suite: a real child process on real pipes whose every
 * line the test writes, so a test can play a server that misbehaves on purpose (answers out of
 * turn, sends what is not JSON, ignores its stdin closing and SIGTERM) and see every byte the
 * client sent. The child (scripted-server.mjs) relays between its stdio and a loopback socket
 * on a port chosen by the system.
 */
import { createServer, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { afterThisTest, Log } from './peers.ts';
import { supportFile } from './target.ts';

/** The program the client under test starts: plain JavaScript, run with `node`. */
export const SCRIPTED_SERVER = supportFile('scripted-server.mjs');

export type Message = Record<string, unknown>;

/** What the child reports about itself, which no line on its stdout could tell. */
export interface ProcessEvent {
  started?: { argv: string[]; cwd: string; env: string | null };
  stdinEnd?: true;
  signal?: string;
  echo?: string;
}

export class ScriptedServer {
  /** Every message the client wrote to the child's stdin, in order (a line that is not JSON as `{ unparsed }`). */
  readonly #received = new Log<Message>();
  readonly #events = new Log<ProcessEvent>();
  #socket: Socket | undefined;
  #echoes = 0;
  #pings = 0;
  #disconnected!: () => void;
  /** Resolves once the child's connection has closed (it exited), with everything it sent read. */
  readonly disconnected = new Promise<void>((resolve) => {
    this.#disconnected = resolve;
  });

  private constructor(readonly port: number) {}

  /** Listens on a loopback port for the child; closed again after the test. */
  static async start(): Promise<ScriptedServer> {
    const listener = createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const server = new ScriptedServer((listener.address() as { port: number }).port);
    listener.on('connection', (socket) => server.#attach(socket));
    afterThisTest(() => {
      server.#socket?.destroy();
      return new Promise<void>((resolve) => listener.close(() => resolve()));
    });
    return server;
  }

  #attach(socket: Socket): void {
    this.#socket = socket;
    const lines = createInterface({ input: socket });
    lines.on('close', () => this.#disconnected());
    lines.on('line', (line) => {
      if (line.startsWith('#relay ')) {
        this.#events.push(JSON.parse(line.slice('#relay '.length)) as ProcessEvent);
        return;
      }
      try {
        this.#received.push(JSON.parse(line) as Message);
      } catch {
        this.#received.push({ unparsed: line });
      }
    });
  }

  /** The child's environment: this process's, the port, and `extra`. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { ...process.env, NODE_OPTIONS: '', RELAY_PORT: String(this.port), ...extra };
  }

  get received(): readonly Message[] {
    return this.#received.items;
  }

  get events(): readonly ProcessEvent[] {
    return this.#events.items;
  }

  /** The first message the client sent that matches. */
  message(match: (message: Message) => boolean, what: string, ms?: number): Promise<Message> {
    return this.#received.first(match, `the server receiving ${what}`, ms);
  }

  /** The first request for `method` the client sent. */
  request(method: string, what = `a ${method} request`): Promise<Message> {
    return this.message((m) => m.method === method && 'id' in m, what);
  }

  /** The first event the child reported that matches. */
  event(match: (event: ProcessEvent) => boolean, what: string, ms?: number): Promise<ProcessEvent> {
    return this.#events.first(match, what, ms);
  }

  /** Writes one line to the client: a message, or raw text as it is. */
  send(message: Message | string): void {
    if (!this.#socket) throw new Error('the scripted server has not started yet');
    this.#socket.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  }

  /** Answers a request with a result. */
  answer(request: Message, result: Record<string, unknown>): void {
    this.send({ jsonrpc: '2.0', id: request.id, result });
  }

  /** Tells the child to do something only a process can: `stderr <text>`, `close-stdin`. */
  command(text: string): void {
    this.send(`#relay ${text}`);
  }

  /**
   * Resolves once the client has handled every line sent before: it reads its stdin in order, so
   * its answer to a ping sent now comes after it dealt with them.
   */
  async roundTrip(): Promise<void> {
    const id = `round-trip-${++this.#pings}`;
    this.send({ jsonrpc: '2.0', id, method: 'ping' });
    await this.message((m) => m.id === id, `the client's answer to the ping ${id}`);
  }

  /** Resolves once the child has handled everything sent before, and its reports of it arrived. */
  async sync(): Promise<void> {
    const token = String(++this.#echoes);
    this.command(`echo ${token}`);
    await this.event((e) => e.echo === token, 'the scripted server answering an echo');
  }
}
