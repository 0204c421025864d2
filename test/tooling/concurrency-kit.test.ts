import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { checkInterleavings, InterleavingError, runOnce, toMermaid, Trace, type World } from '../support/concurrency/index.ts';

// Exploring interleavings is CPU-bound; on a busy machine it can take longer than the default
// timeout. Hangs are still caught without it: the kit reports a deadlock as soon as nothing can run.
vi.setConfig({ testTimeout: 30_000 });

/** A correct unbounded channel, small enough to trust by reading: the kit must never blame it. */
class SimpleChannel<T> {
  #values: T[] = [];
  #waiting: Array<(r: IteratorResult<T, undefined>) => void> = [];
  #closed = false;
  async send(value: T): Promise<void> {
    const receiver = this.#waiting.shift();
    if (receiver) receiver({ done: false, value });
    else this.#values.push(value);
  }
  receive(): Promise<IteratorResult<T, undefined>> {
    if (this.#values.length > 0) return Promise.resolve({ done: false, value: this.#values.shift()! });
    if (this.#closed) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
  close(): void {
    this.#closed = true;
    for (const receiver of this.#waiting.splice(0)) receiver({ done: true, value: undefined });
  }
  get size(): number {
    return this.#values.length;
  }
}

/** The textbook example's mistake: "empty" is taken to mean "finished", so a fast consumer quits early. */
class PollingChannel<T> extends SimpleChannel<T> {
  override receive(): Promise<IteratorResult<T, undefined>> {
    if (this.size === 0) return Promise.resolve({ done: true, value: undefined });
    return super.receive();
  }
}

function producerConsumer(make: () => SimpleChannel<number>, count = 3) {
  return (world: World) => {
    const channel = world.name(make(), 'channel');
    const received: number[] = [];
    world.actor('producer', async (a) => {
      for (let i = 1; i <= count; i++) await a.send(channel, i);
      await a.close(channel);
    });
    world.actor('consumer', async (a) => {
      for (let r = await a.receive(channel); !r.done; r = await a.receive(channel)) received.push(r.value);
    });
    return () => {
      expect(received, 'the consumer should receive every message the producer sent').toEqual([1, 2, 3].slice(0, count));
    };
  };
}

async function failureOf(promise: Promise<void>): Promise<InterleavingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the check should have failed').toBeInstanceOf(InterleavingError);
  return error as InterleavingError;
}

describe('catches a racy implementation', () => {
  it('passes a correct channel under every explored interleaving', async () => {
    await expect(checkInterleavings({ scenario: producerConsumer(() => new SimpleChannel()) })).resolves.toBeUndefined();
  });

  it('fails the polling consumer, naming the lost messages', async () => {
    const error = await failureOf(checkInterleavings({ scenario: producerConsumer(() => new PollingChannel()) }));
    expect(error.failure.kind).toBe('final check');
    expect(error.message).toContain('the consumer should receive every message the producer sent');
  });

  it('shrinks to a short interleaving and prints its steps, a diagram, the seed and a replay command', async () => {
    const error = await failureOf(checkInterleavings({ scenario: producerConsumer(() => new PollingChannel()) }));
    expect(error.steps).toContain('consumer → channel: receive()');
    expect(error.steps).toContain('channel → consumer: done');
    expect(error.message).toContain(`seed ${error.seed}`);
    expect(error.message).toContain('As a sequence diagram:');
    expect(error.message).toMatch(/│ consumer │/);
    expect(error.message).toContain(`WORKBOOK_SEED=${error.seed} WORKBOOK_PATH=${error.path} npx vitest run test/tooling/concurrency-kit.test.ts -t `);
  });

  it('finds a lost update that only some interleavings expose', async () => {
    const error = await failureOf(
      checkInterleavings({
        scenario: (world) => {
          let counter = 0;
          for (const name of ['a', 'b']) {
            world.actor(name, async (actor) => {
              const seen = await actor.call('counter', 'read', () => counter);
              await actor.call('counter', `write ${seen + 1}`, () => {
                counter = seen + 1;
              });
            });
          }
          return () => expect(counter, 'two increments should give 2').toBe(2);
        },
      }),
    );
    expect(error.message).toContain('two increments should give 2');
  });

  it('checks invariants whenever the world settles', async () => {
    const error = await failureOf(
      checkInterleavings({
        scenario: (world) => {
          const channel = world.name(new SimpleChannel<number>(), 'channel');
          world.invariant('channel.size <= 1', () => channel.size <= 1);
          world.actor('producer', async (a) => {
            for (let i = 0; i < 3; i++) await a.send(channel, i);
          });
        },
      }),
    );
    expect(error.failure.kind).toBe('invariant');
    expect(error.message).toContain('invariant broken: channel.size <= 1');
  });

  it('reports an actor that throws', async () => {
    const error = await failureOf(
      checkInterleavings({
        scenario: (world) => {
          world.actor('worker', async (a) => {
            await a.call('job', 'run()', () => {
              throw new RangeError('bad input');
            });
          });
        },
      }),
    );
    expect(error.failure.kind).toBe('actor error');
    expect(error.message).toContain('worker failed with RangeError: bad input');
    expect(error.steps).toContain('job ✗ worker: threw RangeError');
  });
});

describe('reports a deadlock', () => {
  it('fails with "deadlock" and names who waits where, without waiting for a timeout', async () => {
    const report = await runOnce(
      {
        scenario: (world) => {
          const left = world.name(new SimpleChannel<string>(), 'left');
          const right = world.name(new SimpleChannel<string>(), 'right');
          world.actor('alice', async (a) => {
            await a.receive(left);
            await a.send(right, 'hi');
          });
          world.actor('bob', async (a) => {
            await a.receive(right);
            await a.send(left, 'hi');
          });
        },
      },
      undefined,
      [],
    );
    expect(report.failure?.kind).toBe('deadlock');
    expect(report.failure?.message).toContain('deadlock');
    expect(report.failure?.message).toContain('alice is still waiting in receive() on left');
    expect(report.failure?.message).toContain('bob is still waiting in receive() on right');
  });

  it('reports a consumer left waiting because nobody closed the channel', async () => {
    const error = await failureOf(
      checkInterleavings({
        scenario: (world) => {
          const channel = world.name(new SimpleChannel<number>(), 'channel');
          world.actor('producer', async (a) => {
            await a.send(channel, 1);
          });
          world.actor('consumer', async (a) => {
            for (let r = await a.receive(channel); !r.done; r = await a.receive(channel));
          });
        },
      }),
    );
    expect(error.failure.kind).toBe('deadlock');
    expect(error.message).toContain('consumer is still waiting in receive() on channel');
  });

  it('reports a busy polling loop as a livelock after the step limit', async () => {
    const report = await runOnce(
      {
        maxSteps: 50,
        scenario: (world) => {
          const channel = world.name(new PollingChannel<number>(), 'channel');
          world.actor('poller', async (a) => {
            for (;;) {
              const r = await a.receive(channel);
              if (!r.done) return;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          });
        },
      },
      undefined,
      [],
    );
    expect(report.failure?.kind).toBe('livelock');
    expect(report.failure?.message).toContain('after 50 scheduling steps');
  });
});

describe('replays deterministically', () => {
  it('the same seed gives the same failure, step for step', async () => {
    const run = () => failureOf(checkInterleavings({ scenario: producerConsumer(() => new PollingChannel()) }));
    const first = await run();
    const second = await run();
    expect(second.seed).toBe(first.seed);
    expect(second.path).toBe(first.path);
    expect(second.message).toBe(first.message);
  });

  it('WORKBOOK_PATH replays the reported interleaving directly', async () => {
    const scenario = producerConsumer(() => new PollingChannel(), 3);
    const found = await failureOf(checkInterleavings({ scenario }));
    vi.stubEnv('WORKBOOK_PATH', found.path);
    const replayed = await failureOf(checkInterleavings({ scenario }));
    expect(replayed.steps).toBe(found.steps);
    expect(replayed.path).toBe(found.path);
  });

  it('runOnce gives the same trace for the same decisions', async () => {
    const decisions = [
      { pick: 1, ticks: 0 },
      { pick: 3, ticks: 2 },
      { pick: 2, ticks: 1 },
    ];
    const options = { scenario: producerConsumer(() => new SimpleChannel()) };
    const a = await runOnce(options, undefined, decisions);
    const b = await runOnce(options, undefined, decisions);
    expect(a.failure).toBeUndefined();
    expect(b.steps).toBe(a.steps);
  });

  it('different decisions explore different interleavings', async () => {
    const options = { scenario: producerConsumer(() => new SimpleChannel()) };
    const traces = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ pick: fc.nat({ max: 7 }), ticks: fc.nat({ max: 3 }) }), { maxLength: 20 }), async (d) => {
        traces.add((await runOnce(options, undefined, d)).steps);
      }),
      { numRuns: 40 },
    );
    expect(traces.size).toBeGreaterThan(3);
  });
});

describe('virtual time', () => {
  it('timers fire in virtual time, and the trace shows when', async () => {
    const started = Date.now();
    const report = await runOnce(
      {
        scenario: (world) => {
          world.actor('sleeper', async (a) => {
            await new Promise((resolve) => setTimeout(resolve, 60_000));
            a.note('woke up');
          });
        },
      },
      undefined,
      [],
    );
    expect(report.failure).toBeUndefined();
    expect(report.steps).toContain('(sleeper) woke up @60000ms');
    expect(Date.now() - started, 'a minute of virtual time should take far less than a second of real time').toBeLessThan(1_000);
  });

  it('a sleep only hides a race: the kit lets time pass before the producer runs', async () => {
    const error = await failureOf(
      checkInterleavings({
        scenario: (world) => {
          const channel = world.name(new PollingChannel<number>(), 'channel');
          const received: number[] = [];
          world.actor('producer', async (a) => {
            await a.send(channel, 1);
          });
          world.actor('consumer', async (a) => {
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            for (let r = await a.receive(channel); !r.done; r = await a.receive(channel)) received.push(r.value);
          });
          return () => expect(received, 'the consumer should get the one message').toEqual([1]);
        },
      }),
    );
    expect(error.steps).toMatch(/channel → consumer: done @1000ms/);
  });

  it('toMermaid writes calls, results, errors and notes as a sequence diagram', () => {
    const trace = new Trace();
    trace.record('producer', 'channel', 'call', 'send(1)');
    trace.record('producer', 'channel', 'return', 'sent');
    trace.record('producer', 'channel', 'call', 'send(2)');
    trace.record('producer', 'channel', 'throw', 'ChannelClosedError');
    trace.record('consumer', 'consumer', 'note', 'gave up; waiting # 2');
    expect(toMermaid(trace).split('\n')).toEqual([
      'sequenceDiagram',
      '  participant p1 as producer',
      '  participant p2 as channel',
      '  participant p3 as consumer',
      '  p1->>p2: send(1)',
      '  p2-->>p1: sent',
      '  p1->>p2: send(2)',
      '  p2--xp1: ChannelClosedError',
      '  Note over p3: gave up, waiting 2',
    ]);
  });

  it('the report draws the diagram for the terminal', async () => {
    const report = await runOnce({ scenario: producerConsumer(() => new SimpleChannel(), 1) }, undefined, []);
    expect(report.failure).toBeUndefined();
    expect(report.diagram).toMatch(/│ producer │/);
    expect(report.diagram).toContain('send(1)');
  });
});

describe('works alongside a test that uses fake timers itself', () => {
  it('drives the test\'s own fake timers and leaves them installed', async () => {
    vi.useFakeTimers();
    try {
      const report = await runOnce(
        {
          scenario: (world) => {
            world.actor('sleeper', async (a) => {
              await new Promise((resolve) => setTimeout(resolve, 250));
              a.note('woke up');
            });
          },
        },
        undefined,
        [],
      );
      expect(report.failure).toBeUndefined();
      expect(report.steps).toContain('(sleeper) woke up @250ms');
      expect(vi.isFakeTimers(), 'the test installed fake timers, so they should still be installed').toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
