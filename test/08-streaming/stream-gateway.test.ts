import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStreamGateway, type StreamGatewayOptions } from '@workbook/08-streaming/stream-gateway';
import { flushMicrotasks } from '../support/async.ts';
import { GatedUpstream, listen, type RunningGateway, StreamClient, tokens, waitFor } from './gateway-harness.ts';

const running: RunningGateway[] = [];
const clients: StreamClient[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const client of clients.splice(0)) client.disconnect();
  for (const gateway of running.splice(0)) await gateway.close();
});

async function gateway(options: Partial<StreamGatewayOptions> & Pick<StreamGatewayOptions, 'upstream'>): Promise<RunningGateway> {
  const started = await listen(createStreamGateway({ heartbeatMs: 15_000, replay: 64, ...options }));
  running.push(started);
  return started;
}

function client(url: string, headers?: Record<string, string>): StreamClient {
  const c = new StreamClient(url, headers);
  clients.push(c);
  return c;
}

/** A gateway whose only client read two tokens and left, once the gateway has cancelled `upstream`; `seen` is what the client read. */
async function cancelledAfterTwoTokens(upstream: GatedUpstream) {
  const gw = await gateway({ upstream: upstream.source });
  const c = client(gw.url);
  upstream.release('one', 'two');
  const seen = await c.eventCount(2);
  c.disconnect();
  await waitFor(() => upstream.signals[0]!.aborted, 'the generation to be cancelled');
  return { gw, seen };
}

/** A token source that yields the given tokens at once, then ends. */
function fixed(list: string[]): (signal: AbortSignal) => AsyncIterable<string> {
  return async function* () {
    yield* list;
  };
}

/** The tokens "1", "2", … `String(count)`. */
function numbered(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i + 1));
}

/** The `message` of an error event's data. */
function messageOf(event: { data: string }): string {
  return (JSON.parse(event.data) as { message: string }).message;
}

interface StalledClient {
  gw: RunningGateway;
  /** The server side of the stalled client's response. */
  res: RunningGateway['responses'][number];
  client: StreamClient;
  /** How many tokens the gateway has asked the upstream for so far. */
  pulls(): number;
}

/**
 * A client that reads nothing, on a gateway whose upstream offers 64 large tokens (16 MiB, more
 * than the socket buffers hold) and ignores its signal: returns once the socket is full and the
 * gateway has stopped asking for tokens, so the gateway is waiting for 'drain'.
 */
async function stalledClient(options: Partial<StreamGatewayOptions> = {}): Promise<StalledClient> {
  const total = 64;
  const token = 'x'.repeat(256 * 1024);
  let pulls = 0;
  const gw = await gateway({
    upstream: async function* () {
      while (pulls < total) {
        pulls++;
        yield token;
      }
    },
    ...options,
  });
  const c = client(gw.url);
  await c.opened();
  c.response!.pause();
  let last = -1;
  let still = 0;
  await waitFor(
    () => {
      still = pulls === last ? still + 1 : 0;
      last = pulls;
      return still >= 200 || pulls >= total;
    },
    'the gateway to stop asking for tokens for a client that reads nothing',
    50_000,
  );
  expect(pulls, `the client read nothing, yet the gateway asked for all ${total} tokens: when res.write() returns false, wait for 'drain'`).toBeLessThan(total);
  return { gw, res: gw.responses[0]!, client: c, pulls: () => pulls };
}

describe('streams tokens as valid SSE', () => {
  it('answers GET /stream with an event stream that neither browsers nor proxies may cache or buffer', async () => {
    const { url } = await gateway({ upstream: fixed(['Hel', 'lo']) });
    const c = client(url);
    await c.finished();
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toMatch(/^text\/event-stream\b/);
    expect(c.headers['cache-control']).toContain('no-cache');
    expect(c.headers['x-accel-buffering'], 'without X-Accel-Buffering: no, nginx holds the tokens back in its proxy buffer').toBe('no');
  });

  it('sends each token as an event with an id, then a done event, which both parsers read alike', async () => {
    const { url } = await gateway({ upstream: fixed(['Hel', 'lo', ', world']) });
    const events = await client(url).finished();
    expect(tokens(events)).toEqual(['Hel', 'lo', ', world']);
    expect(events.map((e) => e.type)).toEqual(['message', 'message', 'message', 'done']);
    const ids = events.map((e) => e.lastEventId);
    const stream = ids[0]!.replace(/-1$/, '');
    expect(ids, 'ids are <stream>-1, <stream>-2, …').toEqual([1, 2, 3, 4].map((n) => `${stream}-${n}`));
  });

  it('tokens with line breaks, carriage returns, colons and any Unicode arrive intact', async () => {
    const awkward = ['line one\nline two', '\r\n', 'data: not a field', '', ': not a comment', 'é 東京 😀', '\u2028', ' lead and trail '];
    const { url } = await gateway({ upstream: fixed(awkward) });
    expect(tokens(await client(url).finished())).toEqual(awkward);
  });

  it('each request gets its own stream', async () => {
    const { url } = await gateway({ upstream: fixed(['a']) });
    const [first, second] = await Promise.all([client(url).finished(), client(url).finished()]);
    expect(first![0]!.lastEventId).not.toBe(second![0]!.lastEventId);
  });

  it('an upstream that fails ends the stream with an error event that says so', async () => {
    const { url } = await gateway({
      upstream: async function* () {
        yield 'partial';
        throw new Error('model crashed');
      },
    });
    const events = await client(url).finished();
    expect(tokens(events)).toEqual(['partial']);
    expect(events.at(-1)!.type).toBe('error');
    expect(events.at(-1)!.data).toContain('model crashed');
  });

  it('answers other paths with 404 and other methods with 405', async () => {
    const { url } = await gateway({ upstream: fixed([]) });
    expect((await fetch(`${url}/other`)).status).toBe(404);
    const post = await fetch(`${url}/stream`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});

describe('honours backpressure', () => {
  // Sixteen megabytes through a loopback socket, read twice over: slow on a busy machine.
  const timeout = 30_000;

  it('a client that stops reading never makes the gateway hold more than about one event; nothing is lost', async () => {
    const total = 256;
    const token = 'x'.repeat(64 * 1024);
    let pulls = 0;
    const gw = await gateway({
      upstream: async function* () {
        for (let i = 0; i < total; i++) {
          pulls++;
          yield token;
        }
      },
    });
    const slow = client(gw.url);
    await slow.opened();
    slow.response!.pause();
    const res = gw.responses[0]!;
    // The kernel's socket buffers fill up first (a few MB on loopback); after that a gateway that
    // waits for 'drain' stops asking for tokens, and one that does not piles them up in memory.
    let held = 0;
    let last = -1;
    let still = 0;
    await waitFor(
      () => {
        held = Math.max(held, res.writableLength);
        still = pulls === last ? still + 1 : 0;
        last = pulls;
        return still >= 200 || pulls >= total;
      },
      'the gateway to stop asking for tokens, or to take them all',
      50_000,
    );
    expect(
      held,
      `the client read nothing, and the gateway held ${held} bytes for it: when res.write() returns false, wait for 'drain' before reading the next token`,
    ).toBeLessThanOrEqual(res.writableHighWaterMark + token.length + 256);
    slow.response!.resume();
    const events = await slow.finished();
    expect(tokens(events)).toHaveLength(total);
    expect(events.at(-1)!.type).toBe('done');
  }, timeout);
});

describe('heartbeat when idle', () => {
  it('sends a comment after heartbeatMs without a write, and again after each idle period', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const upstream = new GatedUpstream();
    const { url } = await gateway({ upstream: upstream.source, heartbeatMs: 1_000 });
    const c = client(url);
    upstream.release('first');
    await c.eventCount(1);
    const comments = (): number => c.text.split('\n').filter((line) => line.startsWith(':')).length;

    vi.advanceTimersByTime(999);
    upstream.release('second');
    await c.eventCount(2);
    expect(comments(), 'no heartbeat within heartbeatMs of the last event').toBe(0);

    vi.advanceTimersByTime(999);
    await flushMicrotasks();
    expect(comments(), 'the idle time counts from the last write, not from the start').toBe(0);
    vi.advanceTimersByTime(1);
    await waitFor(() => comments() === 1, 'a heartbeat comment after 1,000 ms of silence');
    vi.advanceTimersByTime(1_000);
    await waitFor(() => comments() === 2, 'a second heartbeat after another 1,000 ms');
    upstream.release('third');
    upstream.end();
    const events = await c.finished();
    expect(tokens(events), 'heartbeats are comments: no parser turns them into events').toEqual(['first', 'second', 'third']);
  });

  it('sends no heartbeat into a full socket, so a stalled client’s buffer does not grow', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { res } = await stalledClient({ heartbeatMs: 1_000 });
    const before = res.writableLength;
    vi.advanceTimersByTime(100_000);
    expect(
      res.writableLength - before,
      'bytes queued for a client that reads nothing during 100 heartbeat periods: the bytes already in its socket prove the connection alive',
    ).toBe(0);
  }, 30_000);
});

describe('cancels the upstream when the client leaves', () => {
  it('aborts the upstream’s signal as soon as the only client disconnects', async () => {
    const upstream = new GatedUpstream();
    const gw = await gateway({ upstream: upstream.source });
    const c = client(gw.url);
    upstream.release('one', 'two');
    await c.eventCount(2);
    c.disconnect();
    await waitFor(() => gw.responses[0]!.closed, 'the gateway to see the connection close');
    await flushMicrotasks();
    expect(upstream.signals[0]!.aborted, 'the upstream’s AbortSignal should abort when nobody is listening').toBe(true);
    await waitFor(() => upstream.stopped, 'the upstream generator to stop');
  });

  it('reads no more than the token already requested from an upstream that ignores the signal', async () => {
    const upstream = new GatedUpstream({ honourSignal: false });
    const gw = await gateway({ upstream: upstream.source });
    const c = client(gw.url);
    upstream.release('one', 'two');
    await c.eventCount(2);
    const pullsWhenLeft = upstream.pulls;
    c.disconnect();
    await waitFor(() => gw.responses[0]!.closed, 'the gateway to see the connection close');
    upstream.release('3', '4', '5', '6', '7');
    await waitFor(() => upstream.stopped || upstream.pulls > pullsWhenLeft + 1, 'the gateway to stop the upstream');
    for (let i = 0; i < 20; i++) await flushMicrotasks();
    expect(upstream.pulls, 'tokens generated for nobody: the gateway kept asking after the client left').toBeLessThanOrEqual(pullsWhenLeft);
    expect(upstream.stopped, 'the gateway should call return() on the upstream (break out of its for await)').toBe(true);
  });

  it('a client that leaves while the gateway waits for its socket to drain gets no further token generated', async () => {
    const { gw, client: c, pulls } = await stalledClient();
    const pullsWhenLeft = pulls();
    c.disconnect();
    await waitFor(() => gw.responses[0]!.closed, 'the gateway to see the connection close');
    for (let i = 0; i < 20; i++) await flushMicrotasks();
    expect(pulls(), 'the gateway asked for another token after its only client had left').toBe(pullsWhenLeft);
  }, 30_000);

  it('drops a token the upstream yields after the cancellation: the stream’s log ends with the cancellation', async () => {
    const upstream = new GatedUpstream({ honourSignal: false });
    const { gw, seen } = await cancelledAfterTwoTokens(upstream);
    upstream.release('late');
    await waitFor(() => upstream.stopped, 'the gateway to stop the upstream');
    const resumed = await client(gw.url, { 'Last-Event-ID': seen[0]!.lastEventId }).finished();
    expect(tokens(resumed), 'a token generated after the cancellation must not reach a client that resumes').toEqual(['two']);
    expect(resumed.map((e) => e.type)).toEqual(['message', 'error']);
    expect(resumed.at(-1)!.data).toMatch(/cancel/i);
  });

  it('an upstream that fails because its signal aborted (as fetch does) adds nothing after the cancellation', async () => {
    let failed = false;
    const gw = await gateway({
      upstream: async function* (signal) {
        try {
          yield 'one';
          yield 'two';
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
        } finally {
          failed = true;
        }
      },
    });
    const c = client(gw.url);
    const seen = await c.eventCount(2);
    c.disconnect();
    await waitFor(() => failed, 'the upstream to fail with the abort');
    for (let i = 0; i < 5; i++) await flushMicrotasks();
    const resumed = await client(gw.url, { 'Last-Event-ID': seen[0]!.lastEventId }).finished();
    expect(
      resumed.map((e) => e.type),
      'the abort error the upstream throws is the cancellation itself, not a second failure to report',
    ).toEqual(['message', 'error']);
    expect(resumed.at(-1)!.data).toMatch(/cancel/i);
  });

  it('keeps generating while another client still reads the stream', async () => {
    const upstream = new GatedUpstream();
    const gw = await gateway({ upstream: upstream.source });
    const first = client(gw.url);
    upstream.release('one');
    const [event] = await first.eventCount(1);
    const second = client(gw.url, { 'Last-Event-ID': event!.lastEventId });
    await waitFor(() => gw.responses.length === 2, 'the second client to connect');
    first.disconnect();
    await waitFor(() => gw.responses[0]!.closed, 'the first client to leave');
    await flushMicrotasks();
    expect(upstream.signals[0]!.aborted, 'one client left, the other still reads').toBe(false);
    upstream.release('two');
    upstream.end();
    expect(tokens(await second.finished())).toEqual(['two']);
  });
});

describe('resumes from the replay buffer', () => {
  it('replays the events after Last-Event-ID, with the same ids, then the end', async () => {
    const { url } = await gateway({ upstream: fixed(['a', 'b', 'c', 'd', 'e']) });
    const all = await client(url).finished();
    const resumed = await client(url, { 'Last-Event-ID': all[1]!.lastEventId }).finished();
    expect(resumed).toEqual(all.slice(2));
  });

  it('a client that reconnects while the generation runs gets what it missed, then the live tokens', async () => {
    const upstream = new GatedUpstream();
    const gw = await gateway({ upstream: upstream.source });
    const reader = client(gw.url);
    upstream.release('one', 'two', 'three');
    const seen = await reader.eventCount(3);
    const resumed = client(gw.url, { 'Last-Event-ID': seen[0]!.lastEventId });
    await waitFor(() => resumed.events.length === 2, 'the two missed events');
    expect(tokens(resumed.events)).toEqual(['two', 'three']);
    upstream.release('four');
    upstream.end();
    expect(tokens(await resumed.finished())).toEqual(['two', 'three', 'four']);
    expect(tokens(await reader.finished())).toEqual(['one', 'two', 'three', 'four']);
  });

  it('a client that resumes a stream cancelled after it left learns that it was cancelled', async () => {
    const upstream = new GatedUpstream();
    const { gw, seen } = await cancelledAfterTwoTokens(upstream);
    const resumed = await client(gw.url, { 'Last-Event-ID': seen[0]!.lastEventId }).finished();
    expect(tokens(resumed)).toEqual(['two']);
    expect(resumed.at(-1)!.type).toBe('error');
    expect(resumed.at(-1)!.data).toMatch(/cancel/i);
  });

  it('a replay of large events waits for the socket to drain: every kept event arrives, then the end', async () => {
    // Each token is larger than the response's highWaterMark, so every write of one returns false.
    const large = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(64 * 1024));
    const { url } = await gateway({ upstream: fixed(large) });
    const all = await client(url).finished();
    const resumed = await client(url, { 'Last-Event-ID': all[0]!.lastEventId }).finished();
    expect(tokens(resumed).map((token) => token[0]), 'the events after event 1, in full').toEqual(['b', 'c', 'd']);
    expect(resumed.at(-1)!.type, 'the replay ends with the done event').toBe('done');
  });

  it('resuming after the last event of an ended stream gets 204 No Content, so EventSource stops reconnecting', async () => {
    const { url } = await gateway({ upstream: fixed(['a']) });
    const all = await client(url).finished();
    const again = client(url, { 'Last-Event-ID': all.at(-1)!.lastEventId });
    await again.finished();
    expect(again.status).toBe(204);
  });

  it('the buffer keeps the last `replay` events: resuming just inside it works', async () => {
    const { url } = await gateway({ upstream: fixed(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']), replay: 4 });
    const all = await client(url).finished();
    // 11 events (10 tokens and done); the last 4 are events 8 to 11, so "after event 7" can resume.
    const resumed = await client(url, { 'Last-Event-ID': all[6]!.lastEventId }).finished();
    expect(resumed).toEqual(all.slice(7));
  });

  it('a resume point older than the buffer gets an error event naming the lost events, never a silent gap', async () => {
    const { url } = await gateway({ upstream: fixed(numbered(20)), replay: 5 });
    const all = await client(url).finished();
    // 21 events; the last 5 are events 17 to 21, so after event 3 the events 4 to 16 are lost.
    const c = client(url, { 'Last-Event-ID': all[2]!.lastEventId });
    const resumed = await c.finished();
    expect(c.status).toBe(200);
    expect(resumed, 'no text may be sent after a gap').toHaveLength(1);
    expect(resumed[0]!.type).toBe('error');
    const message = messageOf(resumed[0]!);
    expect(message, 'the message says what cannot be resumed').toMatch(/resume/i);
    expect(message.replace(all[2]!.lastEventId, ''), 'the message names the lost events, first to last (4 to 16)').toMatch(/\b4\b\D+\b16\b/);
  });

  it('event numbers of two digits and more resume like the others', async () => {
    const { url } = await gateway({ upstream: fixed(numbered(12)) });
    const all = await client(url).finished();
    const resumed = await client(url, { 'Last-Event-ID': all[10]!.lastEventId }).finished();
    expect(resumed, 'after event 11 come event 12 and the end').toEqual(all.slice(11));
  });

  it('an unknown Last-Event-ID gets an error event that names it, not a new stream', async () => {
    let started = 0;
    const { url } = await gateway({
      upstream: async function* () {
        started++;
        yield 'x';
      },
    });
    const events = await client(url, { 'Last-Event-ID': 'no-such-stream-3' }).finished();
    expect(events.map((e) => e.type)).toEqual(['error']);
    expect(messageOf(events[0]!), 'the error event says which ID it cannot resume after').toContain('no-such-stream-3');
    expect(started, 'resuming must not start a generation').toBe(0);
  });

  it('an ID the stream never sent (past its last event, or with more after the number) gets an error event', async () => {
    const { url } = await gateway({ upstream: fixed(['a', 'b']) });
    const all = await client(url).finished();
    const stream = all[0]!.lastEventId.replace(/-1$/, '');
    for (const id of [`${stream}-${all.length + 1}`, `${stream}-${all.length + 5}`, `${all[0]!.lastEventId}x`, `${all[0]!.lastEventId}.5`]) {
      const events = await client(url, { 'Last-Event-ID': id }).finished();
      expect(events.map((e) => e.type), `Last-Event-ID: ${id} names no event of the stream`).toEqual(['error']);
    }
  });

  it('an empty Last-Event-ID starts a new stream, as if there were none', async () => {
    const { url } = await gateway({ upstream: fixed(['a', 'b']) });
    const events = await client(url, { 'Last-Event-ID': '' }).finished();
    expect(tokens(events)).toEqual(['a', 'b']);
    expect(events.at(-1)!.type).toBe('done');
  });

  it('keeps the last `keepFinished` ended streams resumable and forgets the older ones', async () => {
    const { url } = await gateway({ upstream: fixed(['a', 'b']), keepFinished: 2 });
    const resume = async (after: string): Promise<string[]> => (await client(url, { 'Last-Event-ID': after }).finished()).map((e) => e.type);
    const first = await client(url).finished();
    const second = await client(url).finished();
    expect(await resume(first[0]!.lastEventId), 'two streams have ended and keepFinished is 2: the first is still kept').toEqual(['message', 'done']);
    expect(await resume(second[0]!.lastEventId)).toEqual(['message', 'done']);
    await client(url).finished();
    expect(await resume(first[0]!.lastEventId), 'a third stream has ended: the oldest is forgotten').toEqual(['error']);
    expect(await resume(second[0]!.lastEventId), 'the two latest stay resumable').toEqual(['message', 'done']);
  });
});

describe('validates its options', () => {
  it('rejects a heartbeat, replay size or keepFinished that is not a positive integer, and a missing upstream', () => {
    const upstream = fixed([]);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createStreamGateway({ upstream, heartbeatMs: bad, replay: 8 }), `heartbeatMs: ${bad}`).toThrow(RangeError);
      expect(() => createStreamGateway({ upstream, heartbeatMs: 1_000, replay: bad }), `replay: ${bad}`).toThrow(RangeError);
      expect(() => createStreamGateway({ upstream, heartbeatMs: 1_000, replay: 8, keepFinished: bad }), `keepFinished: ${bad}`).toThrow(RangeError);
    }
    expect(() => createStreamGateway({ upstream: undefined as unknown as StreamGatewayOptions['upstream'], heartbeatMs: 1_000, replay: 8 })).toThrow(TypeError);
  });

  it('accepts 1, the smallest positive integer, for heartbeatMs, replay and keepFinished', () => {
    expect(() => createStreamGateway({ upstream: fixed([]), heartbeatMs: 1, replay: 1, keepFinished: 1 })).not.toThrow();
  });
});
