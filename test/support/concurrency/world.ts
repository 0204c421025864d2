import { vi } from 'vitest';
import { show, Trace, type TraceEvent } from './trace.ts';
import { flushMicrotasks } from '../async.ts';

/**
 * One scheduling decision, as fast-check generates (and shrinks) it:
 * - `pick` chooses among the runnable steps, oldest first (`pick % count`); shrinks towards 0,
 *   the oldest step, so a shrunk interleaving deviates from first-come-first-served only where
 *   the bug needs it;
 * - `ticks` is how many microtask turns pass before the next decision; 0 means "let everything
 *   settle first". A non-zero value starts the next step while the previous one is still in
 *   flight, which explores interleavings inside an operation's own promise chain.
 * When the decisions run out, every further step takes the oldest runnable step and settles.
 */
export interface Decision {
  pick: number;
  ticks: number;
}

/** Why a run failed; `deadlock` and `livelock` carry the operations still in progress. */
export interface RunFailure {
  kind: 'deadlock' | 'livelock' | 'invariant' | 'actor error' | 'final check';
  message: string;
  cause?: unknown;
}

export interface WorldOptions {
  decisions: readonly Decision[];
  /** Scheduling decisions after which a run that has not finished counts as a livelock. */
  maxSteps: number;
  /** Replace the timers with virtual ones for the run, and let "time passes" be a scheduling choice. */
  virtualTime: boolean;
}

interface Runnable {
  actor: string;
  label: string;
  resume: () => void;
}

interface ActorState {
  done: boolean;
  error?: unknown;
  failed: boolean;
}


/**
 * Something a scenario can send to, receive from and close: a channel, or anything shaped like one.
 * Only the members an actor actually uses need to exist.
 */
export interface ChannelLike<T> {
  send?(value: T): Promise<void>;
  receive?(): Promise<IteratorResult<T, undefined>>;
  close?(): void;
}

/**
 * A participant in a scenario. Every operation it performs through `call` (or the `send`,
 * `receive` and `close` shorthands) waits for the scheduler's turn first, and is recorded in
 * the trace with its result, so the interleaving of actors is chosen by the run's decisions.
 */
export class Actor {
  readonly name: string;
  #world: World;

  constructor(name: string, world: World) {
    this.name = name;
    this.#world = world;
  }

  /** A scheduling point: resolves when the scheduler lets this actor continue. */
  step(label = 'step'): Promise<void> {
    return this.#world.point(this.name, label);
  }

  /** Records a remark in the trace, without a scheduling point. */
  note(text: string): void {
    this.#world.trace.record(this.name, this.name, 'note', text);
  }

  /**
   * Waits for its turn, records `text` as a call on `target`, runs `operation`, and records
   * what it returned or threw (which it rethrows). `describe` turns the result into trace text.
   */
  async call<R>(target: object | string, text: string, operation: () => R | Promise<R>, describe: (result: R) => string = show): Promise<R> {
    const targetName = this.#world.nameOf(target);
    await this.step(text);
    this.#world.trace.record(this.name, targetName, 'call', text);
    let result: R;
    try {
      result = await operation();
    } catch (error) {
      this.#world.trace.record(this.name, targetName, 'throw', show(error));
      throw error;
    }
    this.#world.trace.record(this.name, targetName, 'return', describe(result));
    return result;
  }

  send<T>(channel: ChannelLike<T>, value: T): Promise<void> {
    return this.call(channel, `send(${show(value)})`, () => channel.send!(value), () => 'sent');
  }

  receive<T>(channel: ChannelLike<T>): Promise<IteratorResult<T, undefined>> {
    return this.call(channel, 'receive()', () => channel.receive!());
  }

  close(channel: ChannelLike<unknown>): Promise<void> {
    return this.call(channel, 'close()', () => channel.close!(), () => 'closed');
  }
}

/**
 * The world one run of a scenario lives in: its actors, the invariants checked between steps,
 * the trace, virtual time, and the scheduler that follows the run's decisions.
 */
export class World {
  readonly trace: Trace;
  #options: WorldOptions;
  #cursor = 0;
  #runnable: Runnable[] = [];
  #actors = new Map<string, ActorState>();
  #bodies: Array<() => Promise<void>> = [];
  #invariants: Array<{ description: string; holds: () => boolean }> = [];
  #names = new WeakMap<object, string>();
  #start = 0;
  #clockOn = false;

  constructor(options: WorldOptions) {
    this.#options = options;
    this.trace = new Trace(() => (this.#clockOn ? Date.now() - this.#start : 0));
  }

  /** Declares an actor whose `body` runs once the scenario is set up. */
  actor(name: string, body: (actor: Actor) => Promise<void>): Actor {
    const actor = this.participant(name);
    this.#actors.set(name, { done: false, failed: false });
    this.#bodies.push(() =>
      body(actor).then(
        () => {
          this.#actors.get(name)!.done = true;
        },
        (error: unknown) => {
          const state = this.#actors.get(name)!;
          state.done = true;
          state.failed = true;
          state.error = error;
        },
      ),
    );
    return actor;
  }

  /** A participant without a body of its own (for callbacks that the code under test runs). */
  participant(name: string): Actor {
    this.trace.participant(name);
    return new Actor(name, this);
  }

  /** Names an object in the trace (`channel`, `pool`); objects without a name show as `object`. */
  name<O extends object>(object: O, name: string): O {
    this.#names.set(object, name);
    this.trace.participant(name);
    return object;
  }

  nameOf(target: object | string): string {
    return typeof target === 'string' ? target : (this.#names.get(target) ?? 'object');
  }

  /** A property that must hold whenever the world has settled, such as `channel.size <= 2`. */
  invariant(description: string, holds: () => boolean): void {
    this.#invariants.push({ description, holds });
  }

  /** Virtual milliseconds since the run started (always 0 without virtual time). */
  now(): number {
    return this.#clockOn ? Date.now() - this.#start : 0;
  }

  /** A scheduling point for `actor`: resolves when a decision picks it. */
  point(actor: string, label: string): Promise<void> {
    return new Promise((resume) => this.#runnable.push({ actor, label, resume }));
  }

  /** Runs the actors to completion under the decisions; returns the failure, if any. */
  async run(finalCheck?: () => void | Promise<void>): Promise<RunFailure | undefined> {
    // A test that already runs on fake timers keeps them (and its clock): the kit only drives them.
    const ownsTimers = this.#options.virtualTime && !vi.isFakeTimers();
    if (ownsTimers) {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date'], now: 0 });
    }
    if (this.#options.virtualTime) {
      this.#clockOn = true;
      this.#start = Date.now();
    }
    try {
      const failure = await this.#drive();
      if (failure || !finalCheck) return failure;
      try {
        await finalCheck();
        return undefined;
      } catch (error) {
        return { kind: 'final check', message: error instanceof Error ? error.message : String(error), cause: error };
      }
    } finally {
      if (ownsTimers) vi.useRealTimers();
      this.#clockOn = false;
    }
  }

  async #drive(): Promise<RunFailure | undefined> {
    for (const body of this.#bodies) void body();
    let steps = 0;
    for (;;) {
      await flushMicrotasks();
      const failure = this.#brokenInvariant() ?? this.#actorError();
      if (failure) return failure;
      if ([...this.#actors.values()].every((a) => a.done)) return undefined;
      if (this.#choices() === 0) return this.#deadlock();
      for (;;) {
        if (++steps > this.#options.maxSteps) return this.#livelock(steps - 1);
        const ticks = this.#decide();
        if (ticks === 0 || this.#choices() === 0) break;
        for (let i = 0; i < ticks; i++) await Promise.resolve();
        if (this.#choices() === 0) break;
      }
    }
  }

  #choices(): number {
    return this.#runnable.length + (this.#clockOn && vi.getTimerCount() > 0 ? 1 : 0);
  }

  // Takes the next decision: resume one runnable step, or let virtual time jump to the next timer.
  #decide(): number {
    const decision = this.#options.decisions[this.#cursor++] ?? { pick: 0, ticks: 0 };
    const count = this.#choices();
    const index = decision.pick % count;
    if (index < this.#runnable.length) {
      const [step] = this.#runnable.splice(index, 1);
      step!.resume();
    } else {
      vi.advanceTimersToNextTimer();
    }
    return decision.ticks;
  }

  #brokenInvariant(): RunFailure | undefined {
    for (const invariant of this.#invariants) {
      let holds: boolean;
      try {
        holds = invariant.holds();
      } catch (error) {
        return { kind: 'invariant', message: `checking "${invariant.description}" threw ${show(error)}`, cause: error };
      }
      if (!holds) return { kind: 'invariant', message: `invariant broken: ${invariant.description}` };
    }
    return undefined;
  }

  #actorError(): RunFailure | undefined {
    for (const [name, state] of this.#actors) {
      if (state.failed) {
        const detail = state.error instanceof Error ? `${state.error.name}: ${state.error.message}` : show(state.error);
        return { kind: 'actor error', message: `${name} failed with ${detail}`, cause: state.error };
      }
    }
    return undefined;
  }

  #waiting(): string {
    const open = new Map<string, TraceEvent>(this.trace.openCalls().map((e) => [e.actor, e]));
    const stuck = [...this.#actors].filter(([, s]) => !s.done).map(([name]) => name);
    const parts = stuck.map((name) => {
      const call = open.get(name);
      return call ? `${name} is still waiting in ${call.text} on ${call.target} (step ${call.index})` : `${name} has not finished`;
    });
    for (const [name, call] of open) {
      if (!this.#actors.has(name)) parts.push(`${name} is still waiting in ${call.text} on ${call.target} (step ${call.index})`);
    }
    return parts.join('; ');
  }

  #deadlock(): RunFailure {
    return {
      kind: 'deadlock',
      message: `deadlock: nothing can run any more, but ${this.#waiting()}`,
    };
  }

  #livelock(steps: number): RunFailure {
    return {
      kind: 'livelock',
      message: `no progress to completion after ${steps} scheduling steps (a busy loop or polling?): ${this.#waiting()}`,
    };
  }
}
