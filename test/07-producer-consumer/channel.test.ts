import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Channel, ChannelClosedError } from '@workbook/07-producer-consumer/channel';
import { expectGrowth, measureGrowth } from '../support/complexity.ts';
import { checkInterleavings, InterleavingError, type World } from '../support/concurrency/index.ts';
import { ProducerConsumer } from './outline.ts';
import { flushMicrotasks, settled, track, type Tracked } from '../support/async.ts';

// Exploring interleavings is CPU-bound; on a busy machine it can take longer than the default
// timeout. Hangs are still caught without it: the interleaving explorer reports a deadlock as soon as nothing can run.
vi.setConfig({ testTimeout: 30_000 });

/** send and receive that fail the test, rather than hang it, if they do not complete. */
const send = <T>(channel: Channel<T>, v: T): Promise<void> => settled(channel.send(v), `send(${JSON.stringify(v)})`);
const receive = <T>(channel: Channel<T>): Promise<IteratorResult<T, undefined>> => settled(channel.receive(), 'receive()');

const value = <T>(v: T): IteratorResult<T, undefined> => ({ done: false, value: v });

/** What a tracked promise gave so far; a failure then says "still pending" rather than `undefined`. */
const now = <T>(t: Tracked<T>): T | string => (t.status === 'fulfilled' ? (t.value as T) : t.status === 'pending' ? 'still pending' : `rejected with ${String(t.reason)}`);

/**
 * Appends what a for await loop received, and stops the loop if it receives far more values than
 * were ever sent: a receive that never removes its value would otherwise spin forever.
 */
function collect<T>(into: T[], message: T): void {
  into.push(message);
  if (into.length > 100) throw new Error('the loop received more than 100 values, far more than were sent: does receive remove the value it returns?');
}
const DONE = { done: true, value: undefined };

describe('buffered send and receive', () => {
  it('receives buffered values in the order they were sent', async () => {
    const channel = new Channel<string>(3);
    await send(channel, 'Message 1');
    await send(channel, 'Message 2');
    await send(channel, 'Message 3');
    expect([await receive(channel), await receive(channel), await receive(channel)]).toEqual([
      value('Message 1'),
      value('Message 2'),
      value('Message 3'),
    ]);
  });

  it('size counts the buffered values', async () => {
    const channel = new Channel<number>(4);
    expect(channel.size).toBe(0);
    await send(channel, 1);
    await send(channel, 2);
    expect(channel.size).toBe(2);
    await receive(channel);
    expect(channel.size).toBe(1);
  });

  it('a send with room in the buffer completes without a receiver', async () => {
    const channel = new Channel<number>(1);
    const sent = track(channel.send(1));
    await flushMicrotasks();
    expect(sent.status, 'send(1) into an empty buffer of capacity 1 should complete at once').toBe('fulfilled');
  });

  it('delivers undefined and null as ordinary values', async () => {
    const channel = new Channel<undefined | null>(2);
    await send(channel, undefined);
    await send(channel, null);
    expect(await receive(channel)).toEqual({ done: false, value: undefined });
    expect(await receive(channel)).toEqual({ done: false, value: null });
  });

  it('a large buffer keeps every value in order while sends and receives alternate', async () => {
    const channel = new Channel<number>(40);
    const received: unknown[] = [];
    let next = 0;
    // Fill part of the buffer, take some out, then fill it up: the buffer's start has moved on
    // by the time it holds the most values.
    const steps: Array<[sends: number, receives: number]> = [[10, 5], [35, 0], [0, 40]];
    for (const [sends, receives] of steps) {
      for (let i = 0; i < sends; i++) await send(channel, next++);
      for (let i = 0; i < receives; i++) received.push((await receive(channel)).value);
    }
    expect(received, 'every buffered value should come out once, in the order it was sent').toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(channel.size).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws RangeError for capacity %s', (capacity) => {
    expect(() => new Channel(capacity)).toThrow(RangeError);
  });

  it('accepts capacity 0', () => {
    expect(new Channel(0).size).toBe(0);
  });
});

describe('receive waits for a value', () => {
  it('receive on an empty channel waits instead of reporting the end', async () => {
    const channel = new Channel<string>(2);
    const received = track(channel.receive());
    await flushMicrotasks();
    expect(received.status, 'receive() on an empty, open channel must wait for a value, not resolve').toBe('pending');
    await send(channel, 'late');
    await flushMicrotasks();
    expect(now(received)).toEqual(value('late'));
  });

  it('waiting receivers are served in arrival order, one value each', async () => {
    const channel = new Channel<number>(1);
    const first = track(channel.receive());
    const second = track(channel.receive());
    const third = track(channel.receive());
    await send(channel, 1);
    await send(channel, 2);
    await flushMicrotasks();
    expect([now(first), now(second), third.status]).toEqual([value(1), value(2), 'pending']);
  });

  it('a value sent to a waiting receiver does not stay in the buffer', async () => {
    const channel = new Channel<number>(2);
    const received = track(channel.receive());
    await send(channel, 1);
    await flushMicrotasks();
    expect(now(received)).toEqual(value(1));
    expect(channel.size, 'the value went to the waiting receiver, so the buffer should be empty').toBe(0);
  });

  it('many waiting receivers are served in arrival order, also when more arrive while values come in', async () => {
    const channel = new Channel<number>(0);
    const receivers = Array.from({ length: 30 }, () => track(channel.receive()));
    for (let i = 0; i < 10; i++) await send(channel, i);
    receivers.push(...Array.from({ length: 30 }, () => track(channel.receive())));
    for (let i = 10; i < 60; i++) await send(channel, i);
    await flushMicrotasks();
    expect(receivers.map(now), 'the i-th waiting receiver should get the i-th value sent').toEqual(Array.from({ length: 60 }, (_, i) => value(i)));
  });

  it('every waiting receiver is woken when several values arrive at once', async () => {
    const channel = new Channel<number>(0);
    const receivers = [track(channel.receive()), track(channel.receive()), track(channel.receive())];
    track(channel.send(1));
    track(channel.send(2));
    track(channel.send(3));
    await flushMicrotasks();
    expect(receivers.map(now)).toEqual([value(1), value(2), value(3)]);
  });
});

describe('send waits for room', () => {
  it('send waits while the buffer is full', async () => {
    const channel = new Channel<number>(2);
    await send(channel, 1);
    await send(channel, 2);
    const third = track(channel.send(3));
    await flushMicrotasks();
    expect(third.status, 'a third send into a full buffer of capacity 2 must wait').toBe('pending');
    expect(channel.size).toBe(2);
    expect(await receive(channel)).toEqual(value(1));
    await flushMicrotasks();
    expect(third.status, 'taking a value makes room, so the waiting send should complete').toBe('fulfilled');
    expect(channel.size).toBe(2);
  });

  it('the buffer never holds more than the capacity', async () => {
    const channel = new Channel<number>(3);
    const sends = Array.from({ length: 10 }, (_, i) => track(channel.send(i)));
    await flushMicrotasks();
    expect(channel.size).toBe(3);
    expect(sends.filter((s) => s.status === 'fulfilled').length, 'only the 3 sends that found room should have completed').toBe(3);
  });

  it('waiting senders are served in arrival order', async () => {
    const channel = new Channel<string>(1);
    await send(channel, 'a');
    const b = track(channel.send('b'));
    const c = track(channel.send('c'));
    const received: unknown[] = [];
    for (let i = 0; i < 3; i++) received.push((await receive(channel)).value);
    await flushMicrotasks();
    expect(received).toEqual(['a', 'b', 'c']);
    expect([b.status, c.status]).toEqual(['fulfilled', 'fulfilled']);
  });

  it('many waiting senders are served in arrival order, also when more arrive while values are taken', async () => {
    const channel = new Channel<number>(0);
    const sends = Array.from({ length: 30 }, (_, i) => track(channel.send(i)));
    const received: unknown[] = [];
    for (let i = 0; i < 10; i++) received.push((await receive(channel)).value);
    sends.push(...Array.from({ length: 30 }, (_, i) => track(channel.send(30 + i))));
    for (let i = 0; i < 50; i++) received.push((await receive(channel)).value);
    await flushMicrotasks();
    expect(received, 'values should be taken from the waiting senders in the order they sent them').toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(sends.filter((s) => s.status !== 'fulfilled').length, 'every send whose value was taken should have completed').toBe(0);
  });

  it('a waiting sender completes only once its value has moved into the buffer', async () => {
    const channel = new Channel<number>(1);
    await send(channel, 1);
    const second = track(channel.send(2));
    const third = track(channel.send(3));
    await receive(channel);
    await flushMicrotasks();
    expect([second.status, third.status], 'one receive makes room for exactly one waiting sender').toEqual(['fulfilled', 'pending']);
  });
});

describe('unbuffered rendezvous', () => {
  it('with capacity 0, send waits until a receiver takes the value', async () => {
    const channel = new Channel<string>(0);
    const sent = track(channel.send('hello'));
    await flushMicrotasks();
    expect(sent.status, 'an unbuffered send must wait for a receiver').toBe('pending');
    expect(channel.size, 'an unbuffered channel never buffers').toBe(0);
    expect(await receive(channel)).toEqual(value('hello'));
    await flushMicrotasks();
    expect(sent.status).toBe('fulfilled');
  });

  it('with capacity 0, a waiting receiver takes the value and the send completes', async () => {
    const channel = new Channel<string>(0);
    const received = track(channel.receive());
    await send(channel, 'hi');
    await flushMicrotasks();
    expect(now(received)).toEqual(value('hi'));
  });

  it('with capacity 0, several senders rendezvous in arrival order', async () => {
    const channel = new Channel<number>(0);
    const sends = [track(channel.send(1)), track(channel.send(2))];
    await flushMicrotasks();
    expect(sends.map((s) => s.status)).toEqual(['pending', 'pending']);
    expect(await receive(channel)).toEqual(value(1));
    await flushMicrotasks();
    expect(sends.map((s) => s.status)).toEqual(['fulfilled', 'pending']);
  });
});

describe('close', () => {
  it('values buffered before close are still delivered, then done', async () => {
    const channel = new Channel<number>(3);
    await send(channel, 1);
    await send(channel, 2);
    channel.close();
    expect([await receive(channel), await receive(channel), await receive(channel)]).toEqual([value(1), value(2), DONE]);
  });

  it('receive after close and drain keeps giving done', async () => {
    const channel = new Channel<number>(1);
    channel.close();
    expect(await receive(channel)).toEqual(DONE);
    expect(await receive(channel)).toEqual(DONE);
  });

  it('waiting receivers get done when the channel closes', async () => {
    const channel = new Channel<number>(1);
    const a = track(channel.receive());
    const b = track(channel.receive());
    channel.close();
    await flushMicrotasks();
    expect([now(a), now(b)], 'receivers waiting when the channel closes should get done').toEqual([DONE, DONE]);
  });

  it('send after close rejects with ChannelClosedError', async () => {
    const channel = new Channel<number>(1);
    channel.close();
    await expect(settled(channel.send(1), 'send(1) after close')).rejects.toBeInstanceOf(ChannelClosedError);
    expect(channel.size).toBe(0);
  });

  it('senders waiting for room are rejected with ChannelClosedError, and their values are not delivered', async () => {
    const channel = new Channel<number>(1);
    await send(channel, 1);
    const waiting = track(channel.send(2));
    channel.close();
    await flushMicrotasks();
    expect(waiting.status, 'a send still waiting when the channel closes must reject').toBe('rejected');
    expect(waiting.reason).toBeInstanceOf(ChannelClosedError);
    expect([await receive(channel), await receive(channel)]).toEqual([value(1), DONE]);
  });

  it('close is idempotent', async () => {
    const channel = new Channel<number>(2);
    await send(channel, 1);
    channel.close();
    expect(() => channel.close()).not.toThrow();
    expect([await receive(channel), await receive(channel)]).toEqual([value(1), DONE]);
  });
});

describe('async iteration', () => {
  it('for await receives every value until the channel is closed', async () => {
    const channel = new Channel<number>(2);
    const consumed: number[] = [];
    const consumer = (async () => {
      for await (const message of channel) collect(consumed, message);
    })();
    for (let i = 1; i <= 5; i++) await send(channel, i);
    channel.close();
    await settled(consumer, 'the for await loop after close');
    expect(consumed).toEqual([1, 2, 3, 4, 5]);
  });

  it('a for await loop on an empty channel waits instead of ending', async () => {
    const channel = new Channel<string>(1);
    const consumed: string[] = [];
    const consumer = track(
      (async () => {
        for await (const message of channel) collect(consumed, message);
      })(),
    );
    await flushMicrotasks();
    expect(consumer.status, 'the loop must wait for values, not end because the channel is momentarily empty').toBe('pending');
    await send(channel, 'x');
    channel.close();
    await flushMicrotasks();
    expect(consumer.status).toBe('fulfilled');
    expect(consumed).toEqual(['x']);
  });

  it('leaving a for await loop with break does not close the channel', async () => {
    const channel = new Channel<number>(3);
    for (const i of [1, 2, 3]) await send(channel, i);
    const consumed: number[] = [];
    const loop = (async () => {
      for await (const message of channel) {
        collect(consumed, message);
        break;
      }
    })();
    await settled(loop, 'a for await loop that breaks after its first value');
    expect(consumed).toEqual([1]);
    expect(await receive(channel), 'the values the loop left behind should still be there for other consumers').toEqual(value(2));
    await expect(send(channel, 4), 'the channel should stay open after a loop breaks').resolves.toBeUndefined();
  });

  it('two for await loops share the values: each value reaches exactly one of them', async () => {
    const channel = new Channel<number>(1);
    const a: number[] = [];
    const b: number[] = [];
    const loops = [a, b].map(async (into) => {
      for await (const message of channel) collect(into, message);
    });
    for (let i = 0; i < 6; i++) await send(channel, i);
    channel.close();
    await settled(Promise.all(loops), 'both for await loops after close');
    expect([...a, ...b].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

interface Shape {
  producers: number;
  consumers: number;
  capacity: number;
  perProducer: number;
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  producers: fc.integer({ min: 1, max: 3 }),
  consumers: fc.integer({ min: 1, max: 3 }),
  capacity: fc.integer({ min: 0, max: 3 }),
  perProducer: fc.integer({ min: 1, max: 4 }),
});

const PRODUCER_NAMES = ['A', 'B', 'C'];

/** M producers and N consumers; the last producer to finish closes the channel. */
function producersAndConsumers(world: World, shape: Shape) {
  const channel = world.name(new Channel<string>(shape.capacity), 'channel');
  let completedSends = 0;
  let completedReceives = 0;
  const received: string[][] = Array.from({ length: shape.consumers }, () => []);
  world.invariant(`the buffer never holds more than capacity ${shape.capacity} (channel.size)`, () => channel.size <= shape.capacity);
  world.invariant(`completed sends minus completed receives never exceeds capacity ${shape.capacity} (a send must wait while the buffer is full)`, () => completedSends - completedReceives <= shape.capacity);
  let running = shape.producers;
  for (let p = 0; p < shape.producers; p++) {
    world.actor(`producer ${PRODUCER_NAMES[p]}`, async (actor) => {
      for (let i = 1; i <= shape.perProducer; i++) {
        await actor.send(channel, `${PRODUCER_NAMES[p]}${i}`);
        completedSends++;
      }
      if (--running === 0) await actor.close(channel);
    });
  }
  for (let c = 0; c < shape.consumers; c++) {
    world.actor(`consumer ${c + 1}`, async (actor) => {
      for (let r = await actor.receive(channel); !r.done; r = await actor.receive(channel)) {
        completedReceives++;
        received[c]!.push(r.value);
      }
    });
  }
  return () => {
    const expected = PRODUCER_NAMES.slice(0, shape.producers).flatMap((name) => Array.from({ length: shape.perProducer }, (_, i) => `${name}${i + 1}`));
    expect(received.flat().sort(), 'every sent message must be received exactly once: none lost, none duplicated').toEqual(expected.sort());
    received.forEach((values, c) => {
      for (const name of PRODUCER_NAMES) {
        const fromProducer = values.filter((v) => v.startsWith(name)).map((v) => Number(v.slice(1)));
        expect(fromProducer, `consumer ${c + 1} must see producer ${name}'s messages in the order they were sent`).toEqual([...fromProducer].sort((x, y) => x - y));
      }
    });
  };
}

describe('holds under every explored interleaving', () => {
  it('a consumer that polls for an empty queue races with its producer; the channel does not', async () => {
    const outline = await checkInterleavings({
      scenario: (world) => {
        const pc = world.name(new ProducerConsumer(), 'queue');
        const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
        world.actor('producer', async (actor) => {
          await actor.call(pc, 'produce("Message 1")', () => pc.produce('Message 1'), () => 'ok');
        });
        world.actor('consumer', async (actor) => {
          await actor.call(pc, 'consume()', () => pc.consume(sleep), () => `returned, consumed ${pc.consumed.length}`);
        });
        return () => expect(pc.consumed, 'the consumer should consume the one message produced').toEqual(['Message 1']);
      },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(outline, 'the polling consumer is racy, so some interleaving must fail').toBeInstanceOf(InterleavingError);
    // The same scenario with the Channel under test must pass every interleaving.
    await checkInterleavings({
      scenario: (world) => {
        const channel = world.name(new Channel<string>(1), 'channel');
        const consumed: string[] = [];
        world.actor('producer', async (actor) => {
          await actor.send(channel, 'Message 1');
          await actor.close(channel);
        });
        world.actor('consumer', async (actor) => {
          for (let r = await actor.receive(channel); !r.done; r = await actor.receive(channel)) consumed.push(r.value);
        });
        return () => expect(consumed, 'the consumer should consume the one message produced').toEqual(['Message 1']);
      },
    });
  });

  it('M producers, N consumers: nothing lost or duplicated, per-producer order kept, buffer within capacity, no deadlock', async () => {
    await checkInterleavings({ params: shapes, scenario: producersAndConsumers });
  });

  it('closing while producers wait: every value is either delivered once or its send rejected', async () => {
    await checkInterleavings({
      params: fc.record({ capacity: fc.integer({ min: 0, max: 2 }), perProducer: fc.integer({ min: 1, max: 4 }) }),
      scenario: (world, { capacity, perProducer }) => {
        const channel = world.name(new Channel<string>(capacity), 'channel');
        const accepted: string[] = [];
        const rejected: string[] = [];
        const received: string[] = [];
        for (const name of ['A', 'B']) {
          world.actor(`producer ${name}`, async (actor) => {
            for (let i = 1; i <= perProducer; i++) {
              try {
                await actor.send(channel, `${name}${i}`);
                accepted.push(`${name}${i}`);
              } catch (error) {
                expect(error, 'a send that fails because of close must reject with ChannelClosedError').toBeInstanceOf(ChannelClosedError);
                rejected.push(`${name}${i}`);
                return;
              }
            }
          });
        }
        world.actor('closer', async (actor) => {
          await actor.close(channel);
        });
        world.actor('consumer', async (actor) => {
          for (let r = await actor.receive(channel); !r.done; r = await actor.receive(channel)) received.push(r.value);
        });
        return () => {
          expect([...received].sort(), 'a send that completed must be delivered exactly once, even after close').toEqual([...accepted].sort());
          for (const v of rejected) expect(received, `${v}'s send was rejected, so it must not be delivered`).not.toContain(v);
        };
      },
    });
  });
});

describe('constant-time operations', () => {
  it('receive + send costs about the same with 1,000 or 200,000 senders waiting', () => {
    const small = 1_000;
    // Large enough that an Array#shift queue leaves V8's fast path and moves ~1.6 MB per call.
    const large = 200_000;
    const growth = measureGrowth({
      setup: (n) => {
        // Unbuffered, so every send waits: n senders queue up behind each other.
        const channel = new Channel<number>(0);
        for (let i = 0; i < n; i++) track(channel.send(i));
        return channel;
      },
      operation: (channel, i) => {
        track(channel.receive());
        track(channel.send(i));
      },
      small,
      large,
      ops: 1_000,
      rounds: 5,
      reuseState: true,
    });
    expectGrowth(growth, {
      small,
      large,
      limit: 15,
      operation: 'one receive + send',
      what: 'senders waiting',
      cause: 'a queue of waiting senders (or receivers) built on Array#shift, which moves every waiting sender on each receive',
    });
  });
});
