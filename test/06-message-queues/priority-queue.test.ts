import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PriorityQueue } from '@workbook/06-message-queues/priority-queue';
import { expectGrowth, measureGrowth } from '../support/complexity.ts';

function drain<T>(queue: PriorityQueue<T>): T[] {
  const out: T[] = [];
  // Bounded, so a size that never reaches zero fails instead of looping forever.
  for (let i = 0; queue.size > 0 && i < 10_000; i++) out.push(queue.dequeue() as T);
  return out;
}

describe('priority order', () => {
  it('serves the highest priority first', () => {
    const queue = new PriorityQueue<string>();
    queue.enqueue('low', 1);
    queue.enqueue('high', 10);
    queue.enqueue('mid', 5);
    expect(drain(queue)).toEqual(['high', 'mid', 'low']);
  });

  it('orders negative and fractional priorities correctly', () => {
    const queue = new PriorityQueue<number>();
    for (const p of [0.5, -3, 2.25, -0.5, 0, 2.5]) queue.enqueue(p, p);
    expect(drain(queue)).toEqual([2.5, 2.25, 0.5, 0, -0.5, -3]);
  });

  it('peek returns what dequeue would, without removing it', () => {
    const queue = new PriorityQueue<string>();
    queue.enqueue('a', 1);
    queue.enqueue('b', 3);
    expect(queue.peek()).toBe('b');
    expect(queue.size).toBe(2);
    expect(queue.dequeue()).toBe('b');
    expect(queue.peek()).toBe('a');
  });

  it('keeps serving in order while new messages arrive', () => {
    const queue = new PriorityQueue<number>();
    queue.enqueue(5, 5);
    queue.enqueue(1, 1);
    expect(queue.dequeue()).toBe(5);
    queue.enqueue(3, 3);
    queue.enqueue(9, 9);
    expect(drain(queue)).toEqual([9, 3, 1]);
  });
});

describe('ties keep arrival order', () => {
  it('equal priorities come out first-in, first-out', () => {
    const queue = new PriorityQueue<string>();
    for (let i = 0; i < 20; i++) queue.enqueue(`job ${i}`, 0);
    expect(drain(queue)).toEqual(Array.from({ length: 20 }, (_, i) => `job ${i}`));
  });

  it('interleaved priorities stay stable within each priority', () => {
    const queue = new PriorityQueue<string>();
    const arrivals = ['a1', 'b1', 'a2', 'c1', 'b2', 'a3', 'c2', 'b3', 'a4'];
    const priority = { a: 1, b: 2, c: 3 } as const;
    for (const name of arrivals) queue.enqueue(name, priority[name[0] as 'a' | 'b' | 'c']);
    expect(drain(queue)).toEqual(['c1', 'c2', 'b1', 'b2', 'b3', 'a1', 'a2', 'a3', 'a4']);
  });
});

describe('empty queue', () => {
  it('dequeue and peek return undefined when empty', () => {
    const queue = new PriorityQueue<string>();
    expect(queue.dequeue()).toBeUndefined();
    expect(queue.peek()).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('is usable again after draining', () => {
    const queue = new PriorityQueue<string>();
    queue.enqueue('x', 1);
    queue.dequeue();
    expect(queue.dequeue()).toBeUndefined();
    queue.enqueue('y', 2);
    expect(queue.size).toBe(1);
    expect(queue.dequeue()).toBe('y');
  });
});

describe('rejects non-finite priorities', () => {
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    it(`throws a RangeError for ${bad} and leaves the queue unchanged`, () => {
      const queue = new PriorityQueue<string>();
      queue.enqueue('kept', 1);
      expect(() => queue.enqueue('bad', bad)).toThrow(RangeError);
      expect(queue.size).toBe(1);
      expect(drain(queue)).toEqual(['kept']);
    });
  }

  it('throws a RangeError for a priority that is not a number', () => {
    const queue = new PriorityQueue<string>();
    expect(() => queue.enqueue('bad', '5' as unknown as number)).toThrow(RangeError);
    expect(queue.size).toBe(0);
  });
});

describe('matches a stable sort under random operations', () => {
  it('every sequence of enqueues and dequeues agrees with a stable-sorted model', () => {
    const command = fc.oneof(
      { arbitrary: fc.record({ op: fc.constant('enqueue' as const), priority: fc.integer({ min: -5, max: 5 }) }), weight: 3 },
      { arbitrary: fc.record({ op: fc.constant('enqueue' as const), priority: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) }), weight: 1 },
      { arbitrary: fc.record({ op: fc.constant('dequeue' as const) }), weight: 2 },
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 200 }), (commands) => {
        const queue = new PriorityQueue<number>();
        let model: { id: number; priority: number }[] = [];
        let id = 0;
        for (const c of commands) {
          if (c.op === 'enqueue') {
            queue.enqueue(id, c.priority);
            model.push({ id: id++, priority: c.priority });
            // A stable sort by priority, descending: equal priorities keep arrival order.
            model = model.map((m, i) => ({ m, i })).sort((a, b) => b.m.priority - a.m.priority || a.i - b.i).map(({ m }) => m);
          } else {
            expect(queue.dequeue()).toBe(model.shift()?.id);
          }
          expect(queue.peek()).toBe(model[0]?.id);
          expect(queue.size).toBe(model.length);
        }
      }),
    );
  });
});

describe('logarithmic operations', () => {
  it('enqueue + dequeue costs about the same with 500 or 50,000 messages queued', () => {
    const small = 500;
    const large = 50_000;
    // A fixed pseudo-random sequence of priorities, so every run measures the same work.
    let seed = 12345;
    const nextPriority = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const growth = measureGrowth({
      setup: (n) => {
        const queue = new PriorityQueue<number>();
        for (let i = 0; i < n; i++) queue.enqueue(i, nextPriority());
        return queue;
      },
      operation: (queue, i) => {
        queue.enqueue(i, nextPriority());
        queue.dequeue();
      },
      small,
      large,
      ops: 1_000,
      limit: 10,
      rounds: 5,
      reuseState: true,
    });
    expectGrowth(growth, {
      small,
      large,
      limit: 10,
      expected: 'logarithmic',
      operation: 'one enqueue + dequeue',
      what: 'messages queued',
      cause: 'keeping the array sorted (a splice or a sort on each enqueue) or scanning it for the highest priority on each dequeue, instead of a binary heap',
    });
  });
});
