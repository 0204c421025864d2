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

/** A token source that yields the given tokens at once, then ends. */
function fixed(list: string[]): (signal: AbortSignal) => AsyncIterable<string> {
  return async function* () {
    yield* list;
  };
}

describe('streams tokens as valid SSE', () => {
  it('answers GET /stream with an event stream that neither browsers nor proxies may cache', async () => {
    const { url } = await gateway({ upstream: fixed(['Hel', 'lo']) });
    const c = client(url);
    await c.finished();
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toMatch(/^text\/event-stream\b/);
    expect(c.headers['cache-control']).toContain('no-cache');
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
    const gw = await gateway({ upstream: upstream.source });
    const c = client(gw.url);
    upstream.release('one', 'two');
    const seen = await c.eventCount(2);
    c.disconnect();
    await waitFor(() => upstream.signals[0]!.aborted, 'the generation to be cancelled');
    const resumed = await client(gw.url, { 'Last-Event-ID': seen[0]!.lastEventId }).finished();
    expect(tokens(resumed)).toEqual(['two']);
    expect(resumed.at(-1)!.type).toBe('error');
    expect(resumed.at(-1)!.data).toMatch(/cancel/i);
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
    const { url } = await gateway({ upstream: fixed(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']), replay: 4 });
    const all = await client(url).finished();
    const c = client(url, { 'Last-Event-ID': all[5]!.lastEventId });
    const resumed = await c.finished();
    expect(c.status).toBe(200);
    expect(resumed, 'no text may be sent after a gap').toHaveLength(1);
    expect(resumed[0]!.type).toBe('error');
    expect(resumed[0]!.data, 'the message says what cannot be resumed').toMatch(/resume/i);
    expect(resumed[0]!.data, 'the message names the first lost event (7)').toContain('7');
  });

  it('an unknown Last-Event-ID gets an error event, not a new stream', async () => {
    let started = 0;
    const { url } = await gateway({
      upstream: async function* () {
        started++;
        yield 'x';
      },
    });
    const events = await client(url, { 'Last-Event-ID': 'no-such-stream-3' }).finished();
    expect(events.map((e) => e.type)).toEqual(['error']);
    expect(started, 'resuming must not start a generation').toBe(0);
  });
});

describe('validates its options', () => {
  it('rejects a heartbeat or replay size that is not a positive integer, and a missing upstream', () => {
    const upstream = fixed([]);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createStreamGateway({ upstream, heartbeatMs: bad, replay: 8 }), `heartbeatMs: ${bad}`).toThrow(RangeError);
      expect(() => createStreamGateway({ upstream, heartbeatMs: 1_000, replay: bad }), `replay: ${bad}`).toThrow(RangeError);
    }
    expect(() => createStreamGateway({ upstream: undefined as unknown as StreamGatewayOptions['upstream'], heartbeatMs: 1_000, replay: 8 })).toThrow(TypeError);
  });
});
