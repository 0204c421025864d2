/**
 * Virtual time for the flow-control suites: a clock and timers that move only when a test says
 * so, and a seeded random source, so every wait, deadline and jitter is exact and every run
 * replays the same way. It implements the `Scheduler` and `Timers` interfaces the exercises take.
 */
import { flushMicrotasks } from '../support/async.ts';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export class VirtualClock {
  #now: number;
  #timers: Timer[] = [];
  #nextId = 1;
  /** Every delay passed to `setTimeout`, in call order. */
  readonly delays: number[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now = (): number => this.#now;

  setTimeout = (callback: () => void, ms: number): number => {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new RangeError(`setTimeout was given ${String(ms)} ms`);
    this.delays.push(ms);
    const timer = { id: this.#nextId++, at: this.#now + ms, callback };
    this.#timers.push(timer);
    return timer.id;
  };

  clearTimeout = (handle: unknown): void => {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  };

  /** Timers started and neither fired nor cleared. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** How many times `setTimeout` was called. */
  get timersStarted(): number {
    return this.delays.length;
  }

  /** Moves the clock without running anything (a clock that jumps, or steps backwards). */
  set(time: number): void {
    this.#now = time;
  }

  /**
   * Moves time forward by `ms`, firing each timer that falls due in order, with the clock set to
   * its due time, and letting promise callbacks run after each one.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await flushMicrotasks();
    for (;;) {
      const due = this.#timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((timer) => timer !== due);
      this.#now = Math.max(this.#now, due.at);
      due.callback();
      await flushMicrotasks();
    }
    this.#now = target;
    await flushMicrotasks();
  }
}

/** A seeded uniform random source in [0, 1) (mulberry32): the same seed, the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
