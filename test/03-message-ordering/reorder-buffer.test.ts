import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AcceptResult, ReorderBuffer, WindowExceededError } from '@workbook/03-message-ordering/reorder-buffer';

/** Feeds `arrivals` to the buffer and returns every delivered message, in delivery order. */
function deliverAll<T>(buffer: ReorderBuffer<T>, arrivals: Array<[number, T]>): T[] {
  const out: T[] = [];
  for (const [seq, message] of arrivals) {
    const result = buffer.accept(seq, message);
    if (result.kind === 'delivered') out.push(...result.messages);
  }
  return out;
}

describe('in-order delivery', () => {
  it('delivers a message that arrives in order at once', () => {
    const buffer = new ReorderBuffer<string>({ window: 4 });
    expect(buffer.accept(0, 'a')).toEqual({ kind: 'delivered', messages: ['a'] });
    expect(buffer.accept(1, 'b')).toEqual({ kind: 'delivered', messages: ['b'] });
    expect(buffer.next).toBe(2);
  });

  it('holds back a message that arrives early', () => {
    const buffer = new ReorderBuffer<string>({ window: 4 });
    expect(buffer.accept(1, 'b')).toEqual({ kind: 'buffered' });
    expect(buffer.next, 'nothing can be delivered while 0 is missing').toBe(0);
    expect(buffer.size).toBe(1);
  });

  it('delivers the whole run of buffered messages once the gap fills', () => {
    const buffer = new ReorderBuffer<string>({ window: 8 });
    buffer.accept(3, 'd');
    buffer.accept(1, 'b');
    buffer.accept(2, 'c');
    expect(buffer.accept(0, 'a'), 'message 0 unblocks 1, 2 and 3, in order').toEqual({
      kind: 'delivered',
      messages: ['a', 'b', 'c', 'd'],
    });
    expect(buffer.next).toBe(4);
    expect(buffer.size).toBe(0);
  });

  it('stops the run at the next gap', () => {
    const buffer = new ReorderBuffer<string>({ window: 8 });
    buffer.accept(1, 'b');
    buffer.accept(3, 'd');
    expect(buffer.accept(0, 'a')).toEqual({ kind: 'delivered', messages: ['a', 'b'] });
    expect(buffer.next).toBe(2);
    expect(buffer.size, 'message 3 still waits for 2').toBe(1);
    expect(buffer.accept(2, 'c')).toEqual({ kind: 'delivered', messages: ['c', 'd'] });
  });

  it('starts from the `first` sequence number when given', () => {
    const buffer = new ReorderBuffer<string>({ window: 4, first: 10 });
    expect(buffer.next).toBe(10);
    expect(buffer.accept(11, 'y')).toEqual({ kind: 'buffered' });
    expect(buffer.accept(10, 'x')).toEqual({ kind: 'delivered', messages: ['x', 'y'] });
  });

  it('delivers undefined messages like any other', () => {
    const buffer = new ReorderBuffer<undefined>({ window: 4 });
    expect(buffer.accept(1, undefined)).toEqual({ kind: 'buffered' });
    expect(buffer.accept(0, undefined)).toEqual({ kind: 'delivered', messages: [undefined, undefined] });
  });
});

describe('duplicate suppression', () => {
  it('reports a message that was already delivered as a duplicate', () => {
    const buffer = new ReorderBuffer<string>({ window: 4 });
    buffer.accept(0, 'a');
    buffer.accept(1, 'b');
    expect(buffer.accept(0, 'a again')).toEqual({ kind: 'duplicate' });
    expect(buffer.accept(1, 'b again')).toEqual({ kind: 'duplicate' });
    expect(buffer.size, 'a duplicate must not be stored').toBe(0);
    expect(buffer.next).toBe(2);
  });

  it('reports a message that is already buffered as a duplicate, and keeps the first copy', () => {
    const buffer = new ReorderBuffer<string>({ window: 4 });
    expect(buffer.accept(2, 'first copy')).toEqual({ kind: 'buffered' });
    expect(buffer.accept(2, 'second copy')).toEqual({ kind: 'duplicate' });
    expect(buffer.size).toBe(1);
    buffer.accept(1, 'b');
    expect(buffer.accept(0, 'a')).toEqual({ kind: 'delivered', messages: ['a', 'b', 'first copy'] });
  });

  it('suppresses a redelivery of an old message long after it was delivered', () => {
    const buffer = new ReorderBuffer<number>({ window: 4 });
    for (let seq = 0; seq < 100; seq++) buffer.accept(seq, seq);
    expect(buffer.accept(3, 3), 'sequence numbers below `next` were all delivered already').toEqual({ kind: 'duplicate' });
    expect(buffer.size).toBe(0);
  });
});

describe('bounded window', () => {
  it('accepts the last sequence number inside the window', () => {
    const buffer = new ReorderBuffer<string>({ window: 4 });
    expect(buffer.accept(3, 'd'), 'with next = 0 and window = 4, sequence numbers 0 to 3 fit').toEqual({ kind: 'buffered' });
  });

  it('throws WindowExceededError for the first sequence number past the window', () => {
    const buffer = new ReorderBuffer<string>({ window: 4 });
    let caught: unknown;
    try {
      buffer.accept(4, 'e');
    } catch (error) {
      caught = error;
    }
    expect(caught, 'with next = 0 and window = 4, sequence number 4 is too far ahead').toBeInstanceOf(WindowExceededError);
    const error = caught as WindowExceededError;
    expect([error.seq, error.next, error.window]).toEqual([4, 0, 4]);
  });

  it('leaves the buffer unchanged after a rejection', () => {
    const buffer = new ReorderBuffer<string>({ window: 4 });
    buffer.accept(2, 'c');
    expect(() => buffer.accept(9, 'j')).toThrow(WindowExceededError);
    expect(buffer.size).toBe(1);
    expect(buffer.gaps()).toEqual([0, 1]);
    expect(deliverAll(buffer, [[1, 'b'], [0, 'a']])).toEqual(['a', 'b', 'c']);
  });

  it('slides the window forward as messages are delivered', () => {
    const buffer = new ReorderBuffer<string>({ window: 4 });
    expect(() => buffer.accept(5, 'f')).toThrow(WindowExceededError);
    buffer.accept(0, 'a');
    buffer.accept(1, 'b');
    expect(buffer.accept(5, 'f'), 'with next = 2 and window = 4, sequence numbers 2 to 5 fit').toEqual({ kind: 'buffered' });
    expect(() => buffer.accept(6, 'g')).toThrow(WindowExceededError);
  });

  it('never holds more than window - 1 messages', () => {
    const window = 8;
    const buffer = new ReorderBuffer<number>({ window });
    for (let seq = 1; seq < window; seq++) buffer.accept(seq, seq);
    expect(buffer.size).toBe(window - 1);
    expect(() => buffer.accept(window, window)).toThrow(WindowExceededError);
    expect(buffer.size).toBe(window - 1);
  });

  it('keeps order across many wrap-arounds of a small window', () => {
    const buffer = new ReorderBuffer<number>({ window: 3 });
    const arrivals: Array<[number, number]> = [];
    // Pairs arrive swapped: 1, 0, 3, 2, 5, 4, …
    for (let seq = 0; seq < 60; seq += 2) arrivals.push([seq + 1, seq + 1], [seq, seq]);
    expect(deliverAll(buffer, arrivals)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('rejects a window that is not a positive integer', () => {
    expect(() => new ReorderBuffer({ window: 0 })).toThrow(RangeError);
    expect(() => new ReorderBuffer({ window: 2.5 })).toThrow(RangeError);
    expect(() => new ReorderBuffer({ window: 4, first: -1 })).toThrow(RangeError);
  });

  it('rejects a sequence number that is not a non-negative integer, and stays unchanged', () => {
    const buffer = new ReorderBuffer<string>({ window: 4 });
    for (const seq of [-1, 1.5, Number.NaN]) {
      expect(() => buffer.accept(seq, 'x'), `accept(${seq}) should throw RangeError`).toThrow(RangeError);
    }
    expect(buffer.size).toBe(0);
    expect(buffer.accept(0, 'a')).toEqual({ kind: 'delivered', messages: ['a'] });
  });
});

describe('gap report', () => {
  it('reports no gaps when nothing is buffered', () => {
    const buffer = new ReorderBuffer<string>({ window: 8 });
    expect(buffer.gaps()).toEqual([]);
    buffer.accept(0, 'a');
    expect(buffer.gaps()).toEqual([]);
  });

  it('lists every missing sequence number below the highest buffered one', () => {
    const buffer = new ReorderBuffer<string>({ window: 8 });
    buffer.accept(2, 'c');
    buffer.accept(5, 'f');
    expect(buffer.gaps(), 'messages 0, 1, 3 and 4 hold back 2 and 5').toEqual([0, 1, 3, 4]);
  });

  it('does not list sequence numbers past the highest buffered one', () => {
    const buffer = new ReorderBuffer<string>({ window: 16 });
    buffer.accept(1, 'b');
    expect(buffer.gaps(), 'only message 0 is known to be missing').toEqual([0]);
  });

  it('shrinks as the gaps fill', () => {
    const buffer = new ReorderBuffer<string>({ window: 8 });
    buffer.accept(2, 'c');
    buffer.accept(5, 'f');
    buffer.accept(0, 'a');
    expect(buffer.gaps()).toEqual([1, 3, 4]);
    buffer.accept(1, 'b');
    expect(buffer.gaps()).toEqual([3, 4]);
    buffer.accept(4, 'e');
    expect(buffer.gaps()).toEqual([3]);
    buffer.accept(3, 'd');
    expect(buffer.gaps()).toEqual([]);
  });
});

describe('any arrival order within the window is delivered in order exactly once', () => {
  it('every permutation of 0..n-1 comes out as 0..n-1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })),
        (order) => {
          const n = order.length;
          const buffer = new ReorderBuffer<string>({ window: n });
          const out = deliverAll(buffer, order.map((seq) => [seq, `m${seq}`]));
          expect(out).toEqual(Array.from({ length: n }, (_, i) => `m${i}`));
          expect(buffer.size).toBe(0);
          expect(buffer.gaps()).toEqual([]);
        },
      ),
    );
  });

  it('a permutation with duplicates mixed in is still delivered exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) =>
          fc.tuple(
            fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
            fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: 2 * n })), { maxLength: 20 }),
          ),
        ),
        ([order, repeats]) => {
          const n = order.length;
          const arrivals: number[] = [...order];
          // Insert each repeat at some position; the copy is a duplicate wherever it lands.
          for (const [seq, position] of repeats) arrivals.splice(position % (arrivals.length + 1), 0, seq);
          const buffer = new ReorderBuffer<string>({ window: n });
          const results: AcceptResult<string>[] = arrivals.map((seq) => buffer.accept(seq, `m${seq}`));
          const out = results.flatMap((r) => (r.kind === 'delivered' ? r.messages : []));
          expect(out).toEqual(Array.from({ length: n }, (_, i) => `m${i}`));
          expect(results.filter((r) => r.kind === 'duplicate').length, 'every extra copy is reported as a duplicate').toBe(repeats.length);
        },
      ),
    );
  });

  it('matches a simple model under random arrivals, windows and rejections', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.nat({ max: 30 }), { maxLength: 200 }), (window, arrivals) => {
        const buffer = new ReorderBuffer<number>({ window });
        const model = { next: 0, held: new Map<number, number>() };
        for (const seq of arrivals) {
          if (seq >= model.next + window) {
            expect(() => buffer.accept(seq, seq)).toThrow(WindowExceededError);
          } else if (seq < model.next || model.held.has(seq)) {
            expect(buffer.accept(seq, seq)).toEqual({ kind: 'duplicate' });
          } else if (seq > model.next) {
            model.held.set(seq, seq);
            expect(buffer.accept(seq, seq)).toEqual({ kind: 'buffered' });
          } else {
            const messages = [seq];
            model.next++;
            while (model.held.has(model.next)) {
              messages.push(model.held.get(model.next)!);
              model.held.delete(model.next);
              model.next++;
            }
            expect(buffer.accept(seq, seq)).toEqual({ kind: 'delivered', messages });
          }
          expect(buffer.next).toBe(model.next);
          expect(buffer.size).toBe(model.held.size);
          const highest = Math.max(model.next - 1, ...model.held.keys());
          const gaps: number[] = [];
          for (let s = model.next; s < highest; s++) if (!model.held.has(s)) gaps.push(s);
          expect(buffer.gaps()).toEqual(gaps);
        }
      }),
    );
  });
});
