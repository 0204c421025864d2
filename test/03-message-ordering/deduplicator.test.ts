import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deduplicator } from '@workbook/03-message-ordering/deduplicator';
import { expectGrowth, measureGrowth } from '../support/complexity.ts';

/** A clock the test moves by hand: virtual time, independent of the real one. */
function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

describe('first sighting versus duplicate', () => {
  it('markSeen returns true the first time and false for a repeat', () => {
    const seen = new Deduplicator<string>({ capacity: 10 });
    expect(seen.markSeen('msg-1'), 'the first sighting of an id is new').toBe(true);
    expect(seen.markSeen('msg-1'), 'the second sighting of the same id is a duplicate').toBe(false);
    expect(seen.markSeen('msg-1')).toBe(false);
  });

  it('tells different ids apart', () => {
    const seen = new Deduplicator<string>({ capacity: 10 });
    expect(['a', 'b', 'a', 'c', 'b'].map((id) => seen.markSeen(id))).toEqual([true, true, false, true, false]);
    expect(seen.size).toBe(3);
  });

  it('has reports whether an id is remembered without recording it', () => {
    const seen = new Deduplicator<string>({ capacity: 10 });
    expect(seen.has('x')).toBe(false);
    expect(seen.has('x'), 'has() must not record the id').toBe(false);
    expect(seen.markSeen('x')).toBe(true);
    expect(seen.has('x')).toBe(true);
  });

  it('forget makes the next sighting new again', () => {
    const seen = new Deduplicator<string>({ capacity: 10 });
    seen.markSeen('x');
    expect(seen.forget('x')).toBe(true);
    expect(seen.forget('x'), 'x is no longer remembered').toBe(false);
    expect(seen.markSeen('x')).toBe(true);
  });

  it('works with number ids', () => {
    const seen = new Deduplicator<number>({ capacity: 10 });
    expect(seen.markSeen(7)).toBe(true);
    expect(seen.markSeen(7)).toBe(false);
    expect(seen.markSeen(8)).toBe(true);
  });

  it('rejects a capacity or ttl that is not positive', () => {
    expect(() => new Deduplicator({ capacity: 0 })).toThrow(RangeError);
    expect(() => new Deduplicator({ capacity: 1.5 })).toThrow(RangeError);
    expect(() => new Deduplicator({ capacity: 4, ttlMs: 0 })).toThrow(RangeError);
  });

  it('rejects a ttl that is not a number, or NaN', () => {
    expect(() => new Deduplicator({ capacity: 4, ttlMs: Number.NaN })).toThrow(RangeError);
    expect(() => new Deduplicator({ capacity: 4, ttlMs: '5000' as unknown as number })).toThrow(RangeError);
  });
});

describe('evicts the oldest id first', () => {
  it('forgets the id seen earliest when a new id needs room', () => {
    const seen = new Deduplicator<string>({ capacity: 3 });
    for (const id of ['a', 'b', 'c', 'd']) seen.markSeen(id);
    expect(seen.has('a'), 'a was seen first, so it goes first').toBe(false);
    expect([seen.has('b'), seen.has('c'), seen.has('d')], 'b, c and d are the three most recent ids').toEqual([true, true, true]);
  });

  it('evicts in first-seen order, one id per new id', () => {
    const seen = new Deduplicator<string>({ capacity: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) seen.markSeen(id);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => seen.has(id))).toEqual([false, false, true, true, true]);
  });

  it('a duplicate sighting does not make an id younger', () => {
    const seen = new Deduplicator<string>({ capacity: 3 });
    seen.markSeen('a');
    seen.markSeen('b');
    seen.markSeen('c');
    expect(seen.markSeen('a')).toBe(false);
    seen.markSeen('d');
    expect(seen.has('a'), 'a was still the first seen, so d evicts it').toBe(false);
    expect(seen.has('b')).toBe(true);
  });

  it('a forgotten id frees its place without evicting another', () => {
    const seen = new Deduplicator<string>({ capacity: 3 });
    for (const id of ['a', 'b', 'c']) seen.markSeen(id);
    seen.forget('b');
    seen.markSeen('d');
    expect(['a', 'b', 'c', 'd'].map((id) => seen.has(id))).toEqual([true, false, true, true]);
  });
});

describe('never remembers more than capacity', () => {
  it('size stays at capacity after many distinct ids', () => {
    const seen = new Deduplicator<number>({ capacity: 100 });
    for (let id = 0; id < 10_000; id++) seen.markSeen(id);
    expect(seen.size).toBe(100);
  });

  it('remembers exactly the last capacity ids', () => {
    const seen = new Deduplicator<number>({ capacity: 100 });
    for (let id = 0; id < 10_000; id++) seen.markSeen(id);
    expect(seen.has(9_899), 'the id just before the last 100 is forgotten').toBe(false);
    expect(seen.has(9_900), 'the oldest of the last 100 ids is remembered').toBe(true);
    expect(seen.has(9_999)).toBe(true);
  });

  it('keeps remembering the ids seen just before it filled up', () => {
    const seen = new Deduplicator<number>({ capacity: 4 });
    for (let id = 0; id < 5; id++) seen.markSeen(id);
    expect([1, 2, 3, 4].map((id) => seen.markSeen(id)), 'ids 1 to 4 are the four most recent: all duplicates').toEqual([false, false, false, false]);
  });
});

describe('forgets ids after the TTL, on the injected clock', () => {
  it('an id is a duplicate until ttlMs after its first sighting, and new from then on', () => {
    const clock = fakeClock();
    const seen = new Deduplicator<string>({ capacity: 10, ttlMs: 1_000, now: clock.now });
    seen.markSeen('x');
    clock.advance(999);
    expect(seen.markSeen('x'), '999 ms after the first sighting, x is still remembered').toBe(false);
    clock.advance(1);
    expect(seen.markSeen('x'), '1000 ms after the first sighting, x is forgotten').toBe(true);
  });

  it('a duplicate sighting does not extend the TTL', () => {
    const clock = fakeClock();
    const seen = new Deduplicator<string>({ capacity: 10, ttlMs: 1_000, now: clock.now });
    seen.markSeen('x');
    clock.advance(600);
    seen.markSeen('x');
    clock.advance(400);
    expect(seen.has('x'), 'the TTL counts from the first sighting, 1000 ms ago').toBe(false);
  });

  it('size and has drop expired ids', () => {
    const clock = fakeClock();
    const seen = new Deduplicator<string>({ capacity: 10, ttlMs: 1_000, now: clock.now });
    seen.markSeen('a');
    clock.advance(500);
    seen.markSeen('b');
    expect(seen.size).toBe(2);
    clock.advance(500);
    expect(seen.size, 'a expired at 1000 ms; b has 500 ms left').toBe(1);
    expect([seen.has('a'), seen.has('b')]).toEqual([false, true]);
    clock.advance(500);
    expect(seen.size).toBe(0);
  });

  it('reads time only from the clock it was given', () => {
    const clock = fakeClock(0);
    const seen = new Deduplicator<string>({ capacity: 10, ttlMs: 60_000, now: clock.now });
    seen.markSeen('x');
    clock.advance(60_000);
    expect(seen.markSeen('x'), 'the injected clock says 60 s passed, whatever Date.now() says').toBe(true);
  });
});

describe('matches a simple model under random operations', () => {
  it('every operation sequence gives the same answers as an array of (id, firstSeen) pairs', () => {
    const command = fc.oneof(
      fc.record({ op: fc.constant('markSeen' as const), id: fc.nat({ max: 12 }) }),
      fc.record({ op: fc.constant('has' as const), id: fc.nat({ max: 12 }) }),
      fc.record({ op: fc.constant('forget' as const), id: fc.nat({ max: 12 }) }),
      fc.record({ op: fc.constant('advance' as const), ms: fc.nat({ max: 400 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 1_500 }), fc.array(command, { maxLength: 150 }), (capacity, ttlMs, commands) => {
        const clock = fakeClock();
        const seen = new Deduplicator<number>({ capacity, ttlMs, now: clock.now });
        let model: Array<{ id: number; at: number }> = [];
        const expire = (): void => {
          model = model.filter((entry) => clock.now() - entry.at < ttlMs);
        };
        for (const c of commands) {
          if (c.op === 'advance') {
            clock.advance(c.ms);
            continue;
          }
          expire();
          const known = model.some((entry) => entry.id === c.id);
          if (c.op === 'markSeen') {
            if (!known) {
              if (model.length === capacity) model.shift();
              model.push({ id: c.id, at: clock.now() });
            }
            expect(seen.markSeen(c.id)).toBe(!known);
          } else if (c.op === 'has') {
            expect(seen.has(c.id)).toBe(known);
          } else {
            model = model.filter((entry) => entry.id !== c.id);
            expect(seen.forget(c.id)).toBe(known);
          }
          expect(seen.size).toBe(model.length);
        }
      }),
    );
  });
});

describe('constant-time check', () => {
  it('markSeen costs about the same with 200 or 20,000 ids remembered', () => {
    const small = 200;
    const large = 20_000;
    // Each size is filled once and reused across rounds: every operation sees a new id and evicts
    // the oldest, so the number of remembered ids stays at n.
    const built = new Map<number, { seen: Deduplicator<number>; nextId: number }>();
    const growth = measureGrowth({
      setup: (n) => {
        let state = built.get(n);
        if (!state) {
          state = { seen: new Deduplicator<number>({ capacity: n }), nextId: 0 };
          for (let i = 0; i < n; i++) state.seen.markSeen(state.nextId++);
          built.set(n, state);
        }
        return state;
      },
      operation: (state) => {
        state.seen.markSeen(state.nextId++);
      },
      small,
      large,
    });
    expectGrowth(growth, {
      small,
      large,
      limit: 15,
      operation: 'one markSeen',
      what: 'ids remembered',
      cause: 'finding or evicting ids by scanning an array (indexOf, Array#shift) instead of a Map and a list ordered by first sighting',
    });
  });
});
