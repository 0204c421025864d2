/**
 * A loopback HTTP server that answers each POST with a scripted response: recorded-style
 * OpenAI and Anthropic event streams, written piece by piece, then ended, left hanging, or cut
 * off by resetting the connection. It records what each request sent and whether the client
 * closed the connection before the response ended.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A piece of the body, or a promise the server waits for before writing what follows. */
export type Piece = string | Uint8Array | Promise<unknown>;

export interface Script {
  status?: number;
  headers?: Record<string, string>;
  body: Piece[];
  /** After the body: end the response (default), keep it open, or reset the connection. */
  then?: 'end' | 'hang' | 'reset';
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The response, to see whether the client went away (`closed` before `writableEnded`). */
  response: ServerResponse;
}

export interface ReplayServer {
  url: string;
  requests: RecordedRequest[];
  /** Whether the client closed the connection of request `i` before the response ended. */
  clientLeft(i?: number): boolean;
  close(): Promise<void>;
}

export async function replayServer(script: Script): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), response: res });
      void respond(res, script);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/chat`,
    requests,
    clientLeft: (i = 0) => {
      const res = requests[i]?.response;
      return res !== undefined && res.closed && !res.writableFinished;
    },
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

async function respond(res: ServerResponse, script: Script): Promise<void> {
  res.writeHead(script.status ?? 200, script.headers ?? { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  for (const piece of script.body) {
    if (res.destroyed) return;
    if (piece instanceof Promise) await piece;
    else res.write(piece);
  }
  if (script.then === 'hang') return;
  if (script.then === 'reset') {
    // Give the written bytes a moment to leave, then drop the connection without ending it.
    res.socket?.end();
    res.socket?.destroy();
    return;
  }
  res.end();
}

// ---- recorded-style streams ----

const chunkBase = {
  id: 'chatcmpl-C7mQ2xVb9kLw0aB1cD2eF3gH4iJ5',
  object: 'chat.completion.chunk',
  created: 1767225600,
  model: 'gpt-4o-mini-2024-07-18',
  service_tier: 'default',
  system_fingerprint: 'fp_560af6e559',
};

/** An OpenAI Chat Completions stream with include_usage: role, one chunk per token, finish, usage, [DONE]. */
export function openAiEvents(tokens: string[], options: { done?: boolean } = {}): string[] {
  const event = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;
  return [
    event({ ...chunkBase, choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }], usage: null, obfuscation: 'xk' }),
    ...tokens.map((content) => event({ ...chunkBase, choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }], usage: null, obfuscation: 'Qn3' })),
    event({ ...chunkBase, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage: null, obfuscation: 'p' }),
    event({ ...chunkBase, choices: [], usage: { prompt_tokens: 12, completion_tokens: tokens.length, total_tokens: 12 + tokens.length } }),
    ...(options.done === false ? [] : ['data: [DONE]\n\n']),
  ];
}

/** An Anthropic Messages stream: message_start, a ping, one text block, message_delta, message_stop. */
export function anthropicEvents(tokens: string[], options: { stop?: boolean } = {}): string[] {
  const event = (data: { type: string; [field: string]: unknown }): string => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
  return [
    event({
      type: 'message_start',
      message: {
        id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
        type: 'message',
        role: 'assistant',
        content: [],
        model: 'claude-sonnet-4-5-20250929',
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 25, output_tokens: 1 },
      },
    }),
    event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    'event: ping\ndata: {"type": "ping"}\n\n',
    ...tokens.map((text) => event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })),
    event({ type: 'content_block_stop', index: 0 }),
    event({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: tokens.length } }),
    ...(options.stop === false ? [] : [event({ type: 'message_stop' })]),
  ];
}
