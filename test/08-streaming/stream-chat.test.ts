import { afterEach, describe, expect, it } from 'vitest';
import { ChatHttpError, ChatProtocolError, IncompleteStreamError, ProviderError, streamChat } from '@workbook/08-streaming/stream-chat';
import { deferred, track } from '../support/async.ts';
import { waitFor } from './gateway-harness.ts';
import { anthropicEvents, openAiEvents, type ReplayServer, replayServer, type Script } from './replay-server.ts';

const servers: ReplayServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(script: Script): Promise<ReplayServer> {
  const server = await replayServer(script);
  servers.push(server);
  return server;
}

const request = { model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Say hello' }] };

interface Outcome {
  texts: string[];
  error: unknown;
}

/**
 * Reads the whole stream, failing the test (instead of hanging it) if streamChat has not finished
 * once the server has sent everything it will send.
 */
async function collect(stream: AsyncIterable<string>): Promise<Outcome> {
  const texts: string[] = [];
  const run = (async (): Promise<Outcome> => {
    try {
      for await (const text of stream) texts.push(text);
      return { texts, error: undefined };
    } catch (error) {
      return { texts, error };
    }
  })();
  const outcome = track(run);
  await waitFor(() => outcome.status !== 'pending', 'streamChat to finish (does it stop at the terminator, or wait for the connection to close?)');
  return outcome.value!;
}

/** The body cut into pieces of `size` bytes, so events and characters straddle TCP writes. */
function bytesIn(pieces: string[], size: number): Uint8Array[] {
  const all = new TextEncoder().encode(pieces.join(''));
  const out: Uint8Array[] = [];
  for (let at = 0; at < all.length; at += size) out.push(all.slice(at, at + size));
  return out;
}

describe('sends the request', () => {
  it('POSTs the body as JSON, asks for an event stream, and passes extra headers', async () => {
    const server = await serve({ body: openAiEvents(['Hi']) });
    await collect(streamChat(server.url, request, { headers: { Authorization: 'Bearer sk-test' } }));
    const [sent] = server.requests;
    expect(sent!.method).toBe('POST');
    expect(sent!.headers['content-type']).toMatch(/^application\/json/);
    expect(sent!.headers.accept).toContain('text/event-stream');
    expect(sent!.headers.authorization).toBe('Bearer sk-test');
    expect(JSON.parse(sent!.body)).toEqual(request);
  });
});

describe('reads an OpenAI stream', () => {
  it('yields each content delta in order, and nothing for the role, finish and usage chunks', async () => {
    const server = await serve({ body: openAiEvents(['Hel', 'lo', ', ', 'wor', 'ld']) });
    const { texts, error } = await collect(streamChat(server.url, request));
    expect(error).toBeUndefined();
    expect(texts).toEqual(['Hel', 'lo', ', ', 'wor', 'ld']);
  });

  it('reads events and characters cut across network writes', async () => {
    const server = await serve({ body: bytesIn(openAiEvents(['é', ' 東京', ' 😀', ' done']), 7) });
    expect((await collect(streamChat(server.url, request))).texts.join('')).toBe('é 東京 😀 done');
  });

  it('a character cut between two reads of the body is decoded whole', async () => {
    const secondHalf = deferred();
    const [first, ...rest] = openAiEvents(['one', ' 😀 two']);
    const events = [first!, ...rest];
    const bytes = new TextEncoder().encode(events.join(''));
    const emoji = bytes.indexOf(0xf0);
    const server = await serve({ body: [bytes.slice(0, emoji + 2), secondHalf.promise, bytes.slice(emoji + 2)] });
    const texts: string[] = [];
    for await (const text of streamChat(server.url, request)) {
      texts.push(text);
      // The first read held "one" and half of the emoji; only now does the rest leave the server.
      if (texts.length === 1) secondHalf.resolve();
    }
    expect(texts).toEqual(['one', ' 😀 two']);
  });

  it('with several choices (n > 1), yields the text of choice 0 only', async () => {
    const chunk = (index: number, content: string): string => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index, delta: { content }, finish_reason: null }] })}\n\n`;
    const server = await serve({ body: [chunk(0, 'Yes'), chunk(1, 'No'), chunk(1, ' way'), chunk(0, ', sure'), 'data: [DONE]\n\n'] });
    const { texts, error } = await collect(streamChat(server.url, { ...request, n: 2 }));
    expect(error).toBeUndefined();
    expect(texts, 'the deltas of choice 1 belong to another answer').toEqual(['Yes', ', sure']);
  });

  it('skips chunks whose choice carries no delta, such as Azure OpenAI’s content-filter results', async () => {
    const [role, ...rest] = openAiEvents(['Hi', ' there']);
    const filters = { hate: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' } };
    const promptFilter = `data: ${JSON.stringify({ id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{ prompt_index: 0, content_filter_results: filters }] })}\n\n`;
    const annotation = `data: ${JSON.stringify({ id: '', object: '', created: 0, model: '', choices: [{ index: 0, finish_reason: null, content_filter_offsets: { check_offset: 0, start_offset: 0, end_offset: 8 }, content_filter_results: filters }] })}\n\n`;
    const server = await serve({ body: [promptFilter, role!, ...rest.slice(0, 2), annotation, ...rest.slice(2)] });
    const { texts, error } = await collect(streamChat(server.url, request));
    expect(error).toBeUndefined();
    expect(texts).toEqual(['Hi', ' there']);
  });

  it('stops at data: [DONE], even though the server keeps the connection open', async () => {
    const server = await serve({ body: openAiEvents(['a', 'b']), then: 'hang' });
    const { texts, error } = await collect(streamChat(server.url, request));
    expect(error).toBeUndefined();
    expect(texts).toEqual(['a', 'b']);
    await waitFor(() => server.clientLeft(), 'the client to close the connection after [DONE]');
  });
});

describe('reads an Anthropic stream', () => {
  it('yields the text deltas, skipping message_start, ping, block and message events', async () => {
    const server = await serve({ body: anthropicEvents(['Hello', '!', ' How can I help?']) });
    const { texts, error } = await collect(streamChat(server.url, { model: 'claude-sonnet-4-5', stream: true, max_tokens: 64, messages: [] }));
    expect(error).toBeUndefined();
    expect(texts).toEqual(['Hello', '!', ' How can I help?']);
  });

  it('stops at message_stop, and skips tool input deltas', async () => {
    const events = anthropicEvents(['Checking.']);
    const toolInput = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":"}}\n\n';
    events.splice(4, 0, toolInput);
    const server = await serve({ body: events, then: 'hang' });
    const { texts, error } = await collect(streamChat(server.url, {}));
    expect(error).toBeUndefined();
    expect(texts).toEqual(['Checking.']);
  });
});

describe('rejects what is not a stream', () => {
  it('a 429 is a ChatHttpError with its status, Retry-After in milliseconds and the error body', async () => {
    const body = '{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3.","type":"requests","param":null,"code":"rate_limit_exceeded"}}';
    const server = await serve({ status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '20' }, body: [body] });
    const { texts, error } = await collect(streamChat(server.url, request));
    expect(texts).toEqual([]);
    expect(error).toBeInstanceOf(ChatHttpError);
    const http = error as ChatHttpError;
    expect(http.status).toBe(429);
    expect(http.retryAfterMs).toBe(20_000);
    expect(http.body).toContain('rate_limit_exceeded');
  });

  it('Retry-After may be an HTTP date', async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    const server = await serve({ status: 503, headers: { 'Content-Type': 'text/plain', 'Retry-After': at }, body: ['busy'] });
    const http = (await collect(streamChat(server.url, request))).error as ChatHttpError;
    expect(http).toBeInstanceOf(ChatHttpError);
    expect(http.retryAfterMs).toBeGreaterThan(55_000);
    expect(http.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('Retry-After may end in white space', async () => {
    const server = await serve({ status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '20 ' }, body: ['{}'] });
    const http = (await collect(streamChat(server.url, request))).error as ChatHttpError;
    expect(http).toBeInstanceOf(ChatHttpError);
    expect(http.retryAfterMs).toBe(20_000);
  });

  it('a Retry-After that is neither a number of seconds nor a date leaves retryAfterMs undefined', async () => {
    for (const value of ['20 seconds', 'after 20']) {
      const server = await serve({ status: 503, headers: { 'Content-Type': 'text/plain', 'Retry-After': value }, body: ['busy'] });
      const http = (await collect(streamChat(server.url, request))).error as ChatHttpError;
      expect(http).toBeInstanceOf(ChatHttpError);
      expect(http.retryAfterMs, `Retry-After: ${value}`).toBeUndefined();
    }
  });

  it('an error status without Retry-After has retryAfterMs undefined', async () => {
    const server = await serve({ status: 529, headers: { 'Content-Type': 'application/json' }, body: ['{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'] });
    const http = (await collect(streamChat(server.url, request))).error as ChatHttpError;
    expect(http).toBeInstanceOf(ChatHttpError);
    expect(http.status).toBe(529);
    expect(http.retryAfterMs).toBeUndefined();
  });

  it('a 200 that is not text/event-stream is a ChatProtocolError', async () => {
    const server = await serve({ headers: { 'Content-Type': 'application/json' }, body: ['{"choices":[{"message":{"content":"not streamed"}}]}'] });
    expect((await collect(streamChat(server.url, request))).error).toBeInstanceOf(ChatProtocolError);
  });

  it('only the text/event-stream media type is a stream, whatever its parameters', async () => {
    for (const type of ['text/plain; format=text/event-stream', 'application/x-text/event-stream', 'text/event-streaming', 'text/event-stream-v2']) {
      const server = await serve({ headers: { 'Content-Type': type }, body: openAiEvents(['Hi']) });
      expect((await collect(streamChat(server.url, request))).error, `Content-Type: ${type}`).toBeInstanceOf(ChatProtocolError);
    }
    const untyped = await serve({ headers: {}, body: openAiEvents(['Hi']) });
    expect((await collect(streamChat(untyped.url, request))).error, 'no Content-Type at all').toBeInstanceOf(ChatProtocolError);
    for (const type of ['text/event-stream; charset=utf-8', 'Text/Event-Stream;charset=UTF-8']) {
      const server = await serve({ headers: { 'Content-Type': type }, body: openAiEvents(['Hi']) });
      expect(await collect(streamChat(server.url, request)), `Content-Type: ${type}`).toEqual({ texts: ['Hi'], error: undefined });
    }
  });

  it('a 2xx response without a body is a ChatProtocolError', async () => {
    const server = await serve({ status: 204, headers: { 'Content-Type': 'text/event-stream' }, body: [] });
    expect((await collect(streamChat(server.url, request))).error).toBeInstanceOf(ChatProtocolError);
  });

  it('event data that is not JSON is a ChatProtocolError, with the parse error as its cause', async () => {
    const server = await serve({ body: ['data: hello\n\n'] });
    const { error } = await collect(streamChat(server.url, request));
    expect(error).toBeInstanceOf(ChatProtocolError);
    expect((error as Error).cause, 'the SyntaxError of JSON.parse is the cause').toBeInstanceOf(SyntaxError);
  });
});

describe('a stream cut mid-event', () => {
  it('a response that ends in the middle of an event is an IncompleteStreamError, after the text that did arrive', async () => {
    const events = openAiEvents(['Once', ' upon', ' a', ' time']);
    const cut = events.slice(0, 3).join('') + events[3]!.slice(0, 40);
    const server = await serve({ body: [cut] });
    const { texts, error } = await collect(streamChat(server.url, request));
    expect(texts).toEqual(['Once', ' upon']);
    expect(error).toBeInstanceOf(IncompleteStreamError);
  });

  it('an Anthropic stream that ends without message_stop is incomplete', async () => {
    const server = await serve({ body: anthropicEvents(['Half'], { stop: false }) });
    const { texts, error } = await collect(streamChat(server.url, {}));
    expect(texts).toEqual(['Half']);
    expect(error).toBeInstanceOf(IncompleteStreamError);
  });

  it('a connection reset mid-event is an IncompleteStreamError too', async () => {
    const events = openAiEvents(['Once', ' upon']);
    const server = await serve({ body: [events.slice(0, 2).join('') + events[2]!.slice(0, 30)], then: 'reset' });
    const { texts, error } = await collect(streamChat(server.url, request));
    expect(texts).toEqual(['Once']);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as Error).cause, 'the network error that broke the read is the cause').toBeInstanceOf(Error);
  });
});

describe('errors in the stream', () => {
  it('an Anthropic error event is a ProviderError with its type', async () => {
    const events = anthropicEvents(['Partial']).slice(0, 4);
    events.push('event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n');
    const server = await serve({ body: events, then: 'hang' });
    const { texts, error } = await collect(streamChat(server.url, {}));
    expect(texts).toEqual(['Partial']);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).type).toBe('overloaded_error');
  });

  it('an error event is a ProviderError even when its data has no error object', async () => {
    const events = anthropicEvents(['Partial']).slice(0, 4);
    events.push('event: error\ndata: {"detail": "upstream connect error"}\n\n');
    const server = await serve({ body: events, then: 'hang' });
    const { texts, error } = await collect(streamChat(server.url, {}));
    expect(texts).toEqual(['Partial']);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).type, 'an error that names no type has the type "error"').toBe('error');
    expect((error as ProviderError).message, 'with no message from the provider, the event’s data says what happened').toContain('upstream connect error');
  });

  it('an OpenAI event that carries an error object is a ProviderError', async () => {
    const events = openAiEvents(['So']).slice(0, 2);
    events.push('data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}\n\n');
    const server = await serve({ body: events, then: 'hang' });
    const { texts, error } = await collect(streamChat(server.url, request));
    expect(texts).toEqual(['So']);
    expect((error as ProviderError).type).toBe('server_error');
  });
});

describe('cancellation', () => {
  it('aborting the signal mid-stream rejects with the abort and closes the connection', async () => {
    const server = await serve({ body: openAiEvents(['one', 'two']).slice(0, 3), then: 'hang' });
    const controller = new AbortController();
    const texts: string[] = [];
    let caught: unknown;
    try {
      for await (const text of streamChat(server.url, request, { signal: controller.signal })) {
        texts.push(text);
        if (texts.length === 2) controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    expect(texts).toEqual(['one', 'two']);
    expect((caught as Error).name, 'the abort surfaces as an AbortError, not as an incomplete stream').toBe('AbortError');
    await waitFor(() => server.clientLeft(), 'the connection to close when the signal aborts');
  });

  it('a consumer that stops early closes the connection, so the server can stop generating', async () => {
    const server = await serve({ body: openAiEvents(['one', 'two', 'three']).slice(0, 3), then: 'hang' });
    for await (const text of streamChat(server.url, request)) {
      expect(text).toBe('one');
      break;
    }
    await waitFor(() => server.clientLeft(), 'the connection to close after the consumer broke out of its loop');
  });
});
