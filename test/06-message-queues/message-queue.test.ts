import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageQueue } from '@workbook/06-message-queues/message-queue';
import { expectGrowth, measureGrowth } from '../support/complexity.ts';
import { isRetained } from '../support/gc.ts';

describe('FIFO order', () => {
  it('dequeues messages in the order they were enqueued', () => {
    const queue = new MessageQueue<string>();
    queue.enqueue('Message 1');
    queue.enqueue('Message 2');
    queue.enqueue('Message 3');
    expect([queue.dequeue(), queue.dequeue(), queue.dequeue()]).toEqual(['Message 1', 'Message 2', 'Message 3']);
  });

  it('peek returns the oldest message without removing it', () => {
    const queue = new MessageQueue<number>();
    queue.enqueue(1);
    queue.enqueue(2);
    expect(queue.peek()).toBe(1);
    expect(queue.peek()).toBe(1);
    expect(queue.size).toBe(2);
  });

  it('size counts enqueues minus dequeues', () => {
    const queue = new MessageQueue<number>();
    expect(queue.size).toBe(0);
    for (let i = 0; i < 5; i++) queue.enqueue(i);
    expect(queue.size).toBe(5);
    queue.dequeue();
    queue.dequeue();
    expect(queue.size).toBe(3);
  });

  it('keeps order across many interleaved enqueues and dequeues', () => {
    const queue = new MessageQueue<number>();
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 100; round++) {
      for (let i = 0; i < 7; i++) queue.enqueue(next++);
      for (let i = 0; i < 5; i++) out.push(queue.dequeue()!);
    }
    // Bounded, so a size that never reaches zero fails instead of looping forever.
    for (let i = 0; queue.size > 0 && i < 1_000; i++) out.push(queue.dequeue()!);
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
  });
});

describe('empty queue', () => {
  it('dequeue returns undefined when empty', () => {
    expect(new MessageQueue<string>().dequeue()).toBeUndefined();
  });

  it('peek returns undefined when empty', () => {
    expect(new MessageQueue<string>().peek()).toBeUndefined();
  });

  it('becomes empty again after draining, and stays usable', () => {
    const queue = new MessageQueue<string>();
    queue.enqueue('a');
    expect(queue.dequeue()).toBe('a');
    expect(queue.dequeue()).toBeUndefined();
    expect(queue.size).toBe(0);
    queue.enqueue('b');
    expect(queue.peek()).toBe('b');
    expect(queue.size).toBe(1);
  });

  it('size never goes below zero', () => {
    const queue = new MessageQueue<string>();
    queue.dequeue();
    queue.dequeue();
    expect(queue.size).toBe(0);
  });
});

describe('iteration', () => {
  it('yields the queued messages oldest first', () => {
    const queue = new MessageQueue<string>();
    for (const m of ['a', 'b', 'c']) queue.enqueue(m);
    queue.dequeue();
    queue.enqueue('d');
    expect([...queue]).toEqual(['b', 'c', 'd']);
  });

  it('does not remove anything', () => {
    const queue = new MessageQueue<number>();
    queue.enqueue(1);
    queue.enqueue(2);
    expect([...queue]).toEqual([1, 2]);
    expect([...queue]).toEqual([1, 2]);
    expect(queue.size).toBe(2);
  });

  it('yields nothing for an empty queue', () => {
    expect([...new MessageQueue<number>()]).toEqual([]);
  });
});

describe('matches a simple model under random operations', () => {
  it('every operation sequence gives the same results as an array model', () => {
    // Enqueues are weighted up so the queue grows past its initial capacity and wraps around.
    const command = fc.oneof(
      { arbitrary: fc.record({ op: fc.constant('enqueue' as const), value: fc.integer() }), weight: 4 },
      { arbitrary: fc.record({ op: fc.constant('dequeue' as const) }), weight: 3 },
      { arbitrary: fc.record({ op: fc.constant('peek' as const) }), weight: 1 },
      { arbitrary: fc.record({ op: fc.constant('iterate' as const) }), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 300 }), (commands) => {
        const queue = new MessageQueue<number>();
        const model: number[] = [];
        for (const c of commands) {
          if (c.op === 'enqueue') {
            queue.enqueue(c.value);
            model.push(c.value);
          } else if (c.op === 'dequeue') {
            expect(queue.dequeue()).toBe(model.shift());
          } else if (c.op === 'peek') {
            expect(queue.peek()).toBe(model[0]);
          } else {
            expect([...queue]).toEqual(model);
          }
          expect(queue.size).toBe(model.length);
        }
      }),
    );
  });
});

describe('releases dequeued messages', () => {
  it('a dequeued message can be garbage-collected', async () => {
    const queue = new MessageQueue<object>();
    queue.enqueue({ filler: 1 });
    const retained = await isRetained((message) => {
      queue.enqueue(message);
      queue.dequeue();
      queue.dequeue();
    });
    expect(retained, 'the queue still references a message it has already handed out').toBe(false);
  });

  it('a dequeued message is released even while other messages stay queued', async () => {
    const queue = new MessageQueue<object>();
    const retained = await isRetained((message) => {
      queue.enqueue(message);
      for (let i = 0; i < 40; i++) queue.enqueue({ i });
      queue.dequeue();
    });
    expect(retained, 'the queue still references a message it has already handed out').toBe(false);
  });

  it('a dequeued message is released whatever the queue held when its buffer grew', async () => {
    // The message is the oldest one while the queue fills up to each size in turn, so whatever
    // the initial capacity and growth rule, some queue grows its storage with the message in it.
    const queues: MessageQueue<object>[] = [];
    const retained = await isRetained((message) => {
      for (let size = 1; size <= 130; size++) {
        const queue = new MessageQueue<object>();
        queue.enqueue(message);
        for (let i = 1; i < size; i++) queue.enqueue({ i });
        queue.dequeue();
        queues.push(queue);
      }
    });
    expect(retained, 'a queue still references its oldest message after handing it out (check what growing the buffer copies)').toBe(false);
    expect(queues.every((queue, index) => queue.size === index)).toBe(true);
  });
});

describe('constant-time dequeue', () => {
  it('dequeue + enqueue costs about the same with 1,000 or 200,000 messages queued', () => {
    const small = 1_000;
    const large = 200_000;
    const growth = measureGrowth({
      setup: (n) => {
        const queue = new MessageQueue<number>();
        for (let i = 0; i < n; i++) queue.enqueue(i);
        return queue;
      },
      operation: (queue, i) => {
        queue.enqueue(i);
        queue.dequeue();
      },
      small,
      large,
    });
    expectGrowth(growth, {
      small,
      large,
      limit: 15,
      operation: 'one enqueue + dequeue',
      what: 'messages queued',
      cause: 'dequeue moves every remaining message forward (Array#shift does that) instead of advancing a head index',
    });
  });
});
