import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AckQueue, type AckQueueOptions } from '@workbook/06-message-queues/ack-queue';
import { describeGrowth, expectGrowth, measureGrowth } from '../support/complexity.ts';
import { settledLiveBytes } from '../support/gc.ts';

/** A virtual clock: tests move time forward explicitly; nothing sleeps. */
function clock(start = 1_000) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

function makeQueue<T>(options: Partial<AckQueueOptions> = {}) {
  const time = clock();
  const queue = new AckQueue<T>({ visibilityTimeout: 100, maxAttempts: 3, now: time.now, ...options });
  return { queue, time };
}

describe('delivers and acknowledges', () => {
  it('receive returns the oldest message with attempt 1 and a lease deadline', () => {
    const { queue, time } = makeQueue<string>();
    const id = queue.send('first');
    queue.send('second');
    const delivery = queue.receive();
    expect(delivery).toMatchObject({ messageId: id, message: 'first', attempt: 1, expiresAt: time.now() + 100 });
    expect(typeof delivery?.deliveryId).toBe('string');
  });

  it('ack deletes the message for good', () => {
    const { queue, time } = makeQueue<string>();
    queue.send('job');
    const delivery = queue.receive()!;
    expect(queue.ack(delivery.deliveryId)).toBe(true);
    expect(queue.stats).toEqual({ ready: 0, inFlight: 0, deadLettered: 0 });
    time.advance(10_000);
    expect(queue.receive(), 'an acked message must never be delivered again').toBeUndefined();
  });

  it('receive returns undefined when nothing is ready', () => {
    const { queue } = makeQueue<string>();
    expect(queue.receive()).toBeUndefined();
  });

  it('serves messages in the order they were sent', () => {
    const { queue } = makeQueue<number>();
    for (let i = 0; i < 5; i++) queue.send(i);
    const got = Array.from({ length: 5 }, () => queue.receive()!.message);
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it('send returns a distinct message id for every message', () => {
    const { queue } = makeQueue<number>();
    const ids = Array.from({ length: 50 }, (_, i) => queue.send(i));
    expect(new Set(ids).size).toBe(50);
  });

  it('delivers a message sent after a receive that found nothing', () => {
    const { queue } = makeQueue<string>();
    expect(queue.receive()).toBeUndefined();
    queue.send('late');
    expect(queue.receive()?.message).toBe('late');
    expect(queue.stats).toEqual({ ready: 0, inFlight: 1, deadLettered: 0 });
  });

  it('serves thousands of messages in the order they were sent, however sends and receives interleave', () => {
    const { queue } = makeQueue<number>();
    const got: number[] = [];
    let sent = 0;
    for (const [sends, receives] of [
      [3_000, 1_500],
      [3_000, 4_000],
      [500, 1_000],
    ] as const) {
      for (let i = 0; i < sends; i++) queue.send(sent++);
      for (let i = 0; i < receives; i++) {
        const delivery = queue.receive()!;
        got.push(delivery.message);
        queue.ack(delivery.deliveryId);
      }
    }
    expect(got).toEqual(Array.from({ length: sent }, (_, i) => i));
    expect(queue.receive()).toBeUndefined();
  });

  it('keeps its memory bounded over a long run: acked messages and their leases are let go', async () => {
    const { queue } = makeQueue<{ n: number }>({ visibilityTimeout: 1_000_000 });
    // A burst first: thousands ready at once, then thousands in flight at once, then all acked.
    // Keeping the 100,000 acked messages or their leases costs several MB; the bound leaves room
    // for what the test runner itself allocates meanwhile in the same heap.
    const burst = (): void => {
      for (let n = 0; n < 5_000; n++) queue.send({ n });
      const deliveries = Array.from({ length: 5_000 }, () => queue.receive()!);
      for (const delivery of deliveries) queue.ack(delivery.deliveryId);
    };
    burst();
    const before = await settledLiveBytes();
    for (let n = 0; n < 100_000; n++) {
      queue.send({ n });
      queue.ack(queue.receive()!.deliveryId);
    }
    const kept = (await settledLiveBytes()) - before;
    expect(queue.stats).toEqual({ ready: 0, inFlight: 0, deadLettered: 0 });
    expect(kept, `the queue grew by ${(kept / 1024).toFixed(0)} KB over 100,000 messages that were all acked`).toBeLessThan(1024 * 1024);
  });

  it('receive and ack cost about the same with 500 or 50,000 messages ready', () => {
    const small = 500;
    const large = 50_000;
    const growth = measureGrowth({
      setup: (n) => {
        const { queue } = makeQueue<number>();
        for (let i = 0; i < n; i++) queue.send(i);
        return queue;
      },
      operation: (queue, i) => {
        queue.send(i);
        queue.ack(queue.receive()!.deliveryId);
      },
      small,
      large,
      ops: 300,
      rounds: 5,
      reuseState: true,
    });
    expect(growth.ratio, describeGrowth(growth, small, large)).toBeLessThan(15);
  });

  it('receive and ack cost about the same with 200 or 50,000 messages in flight', () => {
    // 250 times as many leases: a scan over the leases on every ack shows as well over a hundred
    // times the cost, while a hash lookup into a table that no longer fits in the CPU's caches
    // costs a few times more on a busy machine, hence the wide limit.
    const small = 200;
    const large = 50_000;
    const limit = 40;
    const growth = measureGrowth({
      setup: (n) => {
        const { queue } = makeQueue<number>({ visibilityTimeout: 1_000_000 });
        for (let i = 0; i < n; i++) {
          queue.send(i);
          queue.receive();
        }
        return queue;
      },
      operation: (queue, i) => {
        queue.send(i);
        queue.ack(queue.receive()!.deliveryId);
      },
      small,
      large,
      reuseState: true,
      limit,
    });
    expectGrowth(growth, { small, large, limit, operation: 'one send + receive + ack', what: 'messages in flight' });
  });
});

describe('leases hide messages from other receivers', () => {
  it('a leased message is not handed to a second receiver', () => {
    const { queue } = makeQueue<string>();
    queue.send('only');
    expect(queue.receive()?.message).toBe('only');
    expect(queue.receive(), 'the message is leased; a second receive must not get it').toBeUndefined();
    expect(queue.stats).toEqual({ ready: 0, inFlight: 1, deadLettered: 0 });
  });

  it('two receivers get two different messages', () => {
    const { queue } = makeQueue<string>();
    queue.send('a');
    queue.send('b');
    const first = queue.receive()!;
    const second = queue.receive()!;
    expect([first.message, second.message]).toEqual(['a', 'b']);
    expect(first.deliveryId).not.toBe(second.deliveryId);
  });
});

describe('nack requeues or dead-letters', () => {
  it('a nacked message is ready again, with the next attempt number and a new delivery id', () => {
    const { queue } = makeQueue<string>();
    queue.send('job');
    const first = queue.receive()!;
    expect(queue.nack(first.deliveryId, 'GPU out of memory')).toBe(true);
    const second = queue.receive()!;
    expect(second).toMatchObject({ messageId: first.messageId, message: 'job', attempt: 2 });
    expect(second.deliveryId).not.toBe(first.deliveryId);
  });

  it('a nacked message goes to the back, behind messages sent meanwhile', () => {
    const { queue } = makeQueue<string>();
    queue.send('a');
    const a = queue.receive()!;
    queue.send('b');
    queue.nack(a.deliveryId);
    expect(queue.receive()?.message).toBe('b');
    expect(queue.receive()?.message).toBe('a');
  });

  it('nack on the last attempt dead-letters the message with the given reason', () => {
    const { queue } = makeQueue<string>({ maxAttempts: 1 });
    queue.send('poison');
    const delivery = queue.receive()!;
    expect(queue.nack(delivery.deliveryId, 'invalid JSON in body')).toBe(true);
    expect(queue.deadLetters).toEqual([{ messageId: delivery.messageId, message: 'poison', attempts: 1, reason: 'invalid JSON in body' }]);
    expect(queue.receive()).toBeUndefined();
  });

  it("nack without a reason dead-letters with the reason 'nacked'", () => {
    const { queue } = makeQueue<string>({ maxAttempts: 1 });
    queue.send('poison');
    queue.nack(queue.receive()!.deliveryId);
    expect(queue.deadLetters.map((dead) => dead.reason)).toEqual(['nacked']);
  });
});

describe('visibility timeout redelivers', () => {
  it('the message stays hidden until the lease expires', () => {
    const { queue, time } = makeQueue<string>();
    queue.send('job');
    queue.receive();
    time.advance(99);
    expect(queue.receive(), 'at 99 ms of a 100 ms lease the message must still be hidden').toBeUndefined();
  });

  it('an expired lease makes the message ready again with the next attempt number', () => {
    const { queue, time } = makeQueue<string>();
    queue.send('job');
    const first = queue.receive()!;
    time.advance(100);
    const second = queue.receive();
    expect(second, 'a lease expires when now >= expiresAt; the message must be redelivered').toMatchObject({
      messageId: first.messageId,
      message: 'job',
      attempt: 2,
    });
  });

  it('stats count an expired lease as ready again', () => {
    const { queue, time } = makeQueue<string>();
    queue.send('job');
    queue.receive();
    time.advance(150);
    expect(queue.stats).toEqual({ ready: 1, inFlight: 0, deadLettered: 0 });
  });

  it('each lease expires on its own deadline', () => {
    const { queue, time } = makeQueue<string>();
    queue.send('a');
    queue.send('b');
    queue.receive();
    time.advance(50);
    queue.receive();
    time.advance(50);
    expect(queue.receive()?.message, 'only the first lease has expired').toBe('a');
    expect(queue.receive()).toBeUndefined();
    time.advance(50);
    expect(queue.receive()?.message).toBe('b');
  });
});

describe('stale deliveries cannot settle', () => {
  it('an ack after the lease expired returns false and does not delete the redelivered message', () => {
    const { queue, time } = makeQueue<string>();
    queue.send('job');
    const slow = queue.receive()!;
    time.advance(100);
    const fast = queue.receive()!;
    expect(queue.ack(slow.deliveryId), 'the slow receiver lost its lease').toBe(false);
    expect(queue.stats.inFlight).toBe(1);
    expect(queue.ack(fast.deliveryId)).toBe(true);
  });

  it('acking twice returns false the second time', () => {
    const { queue } = makeQueue<string>();
    queue.send('job');
    const delivery = queue.receive()!;
    expect(queue.ack(delivery.deliveryId)).toBe(true);
    expect(queue.ack(delivery.deliveryId)).toBe(false);
  });

  it('nack after ack, and ack after nack, return false', () => {
    const { queue } = makeQueue<string>();
    queue.send('a');
    queue.send('b');
    const a = queue.receive()!;
    const b = queue.receive()!;
    queue.ack(a.deliveryId);
    expect(queue.nack(a.deliveryId)).toBe(false);
    queue.nack(b.deliveryId);
    expect(queue.ack(b.deliveryId)).toBe(false);
    expect(queue.stats).toEqual({ ready: 1, inFlight: 0, deadLettered: 0 });
  });

  it('an unknown delivery id returns false', () => {
    const { queue } = makeQueue<string>();
    queue.send('job');
    expect(queue.ack('no-such-delivery')).toBe(false);
    expect(queue.nack('no-such-delivery')).toBe(false);
    expect(queue.stats.ready).toBe(1);
  });
});

describe('dead-letters after the last attempt', () => {
  it('a message whose leases keep expiring is delivered maxAttempts times, then dead-lettered', () => {
    const { queue, time } = makeQueue<string>({ maxAttempts: 3 });
    queue.send('crashes the worker');
    const attempts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const delivery = queue.receive();
      if (delivery) attempts.push(delivery.attempt);
      time.advance(100);
    }
    expect(attempts, 'exactly maxAttempts deliveries').toEqual([1, 2, 3]);
    expect(queue.deadLetters).toEqual([
      { messageId: expect.any(String), message: 'crashes the worker', attempts: 3, reason: 'visibility timeout expired' },
    ]);
    expect(queue.stats).toEqual({ ready: 0, inFlight: 0, deadLettered: 1 });
  });

  it('the dead-letter list keeps the order messages died in, and other messages flow on', () => {
    const { queue } = makeQueue<string>({ maxAttempts: 2 });
    queue.send('x');
    queue.send('ok');
    queue.send('y');
    const seen: string[] = [];
    // Bounded, so an implementation that never empties cannot loop forever.
    for (let delivery = queue.receive(); delivery && seen.length < 20; delivery = queue.receive()) {
      seen.push(delivery.message);
      if (delivery.message === 'ok') queue.ack(delivery.deliveryId);
      else queue.nack(delivery.deliveryId, `bad ${delivery.message}`);
    }
    expect(seen).toEqual(['x', 'ok', 'y', 'x', 'y']);
    expect(queue.deadLetters.map((d) => [d.message, d.attempts, d.reason])).toEqual([
      ['x', 2, 'bad x'],
      ['y', 2, 'bad y'],
    ]);
  });

  it('deadLetters is a copy: changing it does not change the queue', () => {
    const { queue } = makeQueue<string>({ maxAttempts: 1 });
    queue.send('x');
    queue.nack(queue.receive()!.deliveryId);
    (queue.deadLetters as unknown[]).length = 0;
    expect(queue.deadLetters).toHaveLength(1);
  });
});

describe('validates its options', () => {
  const valid = { visibilityTimeout: 100, maxAttempts: 3 };
  for (const visibilityTimeout of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`rejects visibilityTimeout ${visibilityTimeout} with a RangeError`, () => {
      expect(() => new AckQueue({ ...valid, visibilityTimeout })).toThrow(RangeError);
    });
  }
  for (const maxAttempts of [0, 1.5, -2, Number.NaN]) {
    it(`rejects maxAttempts ${maxAttempts} with a RangeError`, () => {
      expect(() => new AckQueue({ ...valid, maxAttempts })).toThrow(RangeError);
    });
  }
  it('accepts the smallest valid options', () => {
    const queue = new AckQueue<string>({ visibilityTimeout: 0.5, maxAttempts: 1 });
    queue.send('x');
    expect(queue.receive()?.message).toBe('x');
  });
});

describe('never loses a message under random operations', () => {
  it('every message ends acked, dead-lettered, ready or in flight, and is never acked twice', () => {
    const step = fc.oneof(
      fc.constant({ op: 'send' as const }),
      fc.constant({ op: 'receive' as const }),
      fc.record({ op: fc.constant('ack' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('nack' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 120 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 150 }), fc.integer({ min: 1, max: 4 }), (steps, maxAttempts) => {
        const { queue, time } = makeQueue<number>({ maxAttempts });
        const sent = new Set<number>();
        const acked = new Set<number>();
        const held: { deliveryId: string; message: number; expiresAt: number }[] = [];
        let next = 0;
        for (const s of steps) {
          if (s.op === 'send') {
            queue.send(next);
            sent.add(next++);
          } else if (s.op === 'receive') {
            const d = queue.receive();
            if (d) {
              expect(acked.has(d.message), `message ${d.message} was delivered after it was acked`).toBe(false);
              expect(d.attempt).toBeLessThanOrEqual(maxAttempts);
              held.push(d);
            }
          } else if (s.op === 'wait') {
            time.advance(s.ms);
          } else if (held.length > 0) {
            const [d] = held.splice(s.pick % held.length, 1);
            const live = d!.expiresAt > time.now();
            const ok = s.op === 'ack' ? queue.ack(d!.deliveryId) : queue.nack(d!.deliveryId);
            // A receiver whose lease is still live must be able to settle it; after expiry it may not.
            if (live) expect(ok, 'settling a live lease must succeed').toBe(true);
            else expect(ok, 'settling an expired lease must fail').toBe(false);
            if (ok && s.op === 'ack') acked.add(d!.message);
          }
        }
        const stats = queue.stats;
        const dead = queue.deadLetters.map((d) => d.message);
        expect(new Set(dead).size).toBe(dead.length);
        expect(dead.filter((m) => acked.has(m))).toEqual([]);
        expect(acked.size + stats.ready + stats.inFlight + stats.deadLettered, 'every sent message is accounted for').toBe(sent.size);
      }),
    );
  });
});
