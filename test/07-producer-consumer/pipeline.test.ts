import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ChannelClosedError } from '@workbook/07-producer-consumer/channel';
import { runPipeline } from '@workbook/07-producer-consumer/pipeline';
import { checkInterleavings, type World } from '../support/concurrency/index.ts';
import { deferred, type Deferred, flushMicrotasks, settled, track } from '../support/async.ts';

// Exploring interleavings is CPU-bound; on a busy machine it can take longer than the default
// timeout. Hangs are still caught without it: the interleaving explorer reports a deadlock as soon as nothing can run.
vi.setConfig({ testTimeout: 30_000 });

const NAMES = ['A', 'B', 'C'];

interface Shape {
  producers: number;
  consumers: number;
  capacity: number;
  perProducer: number;
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  producers: fc.integer({ min: 1, max: 3 }),
  consumers: fc.integer({ min: 1, max: 3 }),
  capacity: fc.integer({ min: 0, max: 2 }),
  perProducer: fc.integer({ min: 1, max: 3 }),
});

/** What one run of the pipeline scenario observed. */
interface Observed {
  pulled: number;
  started: string[];
  finished: string[];
  finishedAtReturn: number | undefined;
  result: unknown;
  error: unknown;
}

/**
 * M producers (async generators with a scheduling point before each item) and a handler with a
 * scheduling point inside, run by one `main` actor. `failOn` makes the handler throw for that item.
 */
function pipelineScenario(world: World, shape: Shape, failOn?: string): { observed: Observed; all: string[] } {
  const observed: Observed = { pulled: 0, started: [], finished: [], finishedAtReturn: undefined, result: undefined, error: undefined };
  const all = NAMES.slice(0, shape.producers).flatMap((n) => Array.from({ length: shape.perProducer }, (_, i) => `${n}${i + 1}`));
  const producers = NAMES.slice(0, shape.producers).map((name) => {
    const actor = world.participant(`producer ${name}`);
    return (async function* () {
      for (let i = 1; i <= shape.perProducer; i++) {
        await actor.step(`produce ${name}${i}`);
        observed.pulled++;
        actor.note(`yields ${name}${i}`);
        yield `${name}${i}`;
      }
    })();
  });
  const consumers = Array.from({ length: shape.consumers }, (_, i) => world.participant(`consumer ${i + 1}`));
  world.invariant(
    `items read from producers but not yet handed to a consumer <= capacity ${shape.capacity} + ${shape.producers} producer(s) (backpressure)`,
    () => observed.pulled - observed.started.length <= shape.capacity + shape.producers,
  );
  world.actor('main', async (main) => {
    try {
      observed.result = await main.call('pipeline', 'runPipeline()', () =>
        runPipeline({
          producers,
          consumers: shape.consumers,
          capacity: shape.capacity,
          handle: async (item, consumer) => {
            observed.started.push(item);
            await consumers[consumer]!.call('handler', `handle ${item}`, () => {
              if (item === failOn) throw new Error(`cannot handle ${item}`);
            });
            observed.finished.push(item);
          },
        }),
      );
    } catch (error) {
      observed.error = error;
    }
    observed.finishedAtReturn = observed.finished.length;
  });
  return { observed, all };
}

describe('handles every item exactly once', () => {
  it('with arrays as producers and one consumer', async () => {
    const handled: string[] = [];
    const result = await settled(
      runPipeline({ producers: [['a1', 'a2'], ['b1']], consumers: 1, capacity: 1, handle: (item) => void handled.push(item) }),
      'runPipeline with two small producers',
    );
    expect([...handled].sort()).toEqual(['a1', 'a2', 'b1']);
    expect(result).toEqual({ produced: 3, handled: 3 });
  });

  it('with no producers, resolves with nothing handled', async () => {
    const result = await settled(runPipeline({ producers: [], consumers: 2, capacity: 1, handle: () => {} }), 'runPipeline with no producers');
    expect(result).toEqual({ produced: 0, handled: 0 });
  });

  it('under every explored interleaving of M producers and N consumers', async () => {
    await checkInterleavings({
      virtualTime: false,
      params: shapes,
      scenario: (world, shape) => {
        const { observed, all } = pipelineScenario(world, shape);
        return () => {
          expect(observed.error, 'the pipeline should not fail').toBeUndefined();
          expect([...observed.finished].sort(), 'every produced item must be handled exactly once').toEqual([...all].sort());
          expect(observed.result).toEqual({ produced: all.length, handled: all.length });
        };
      },
    });
  });
});

describe('resolves only when all work is done', () => {
  it('does not resolve while a handler is still running', async () => {
    const releases: Array<() => void> = [];
    const running = track(
      runPipeline({
        producers: [['x']],
        consumers: 1,
        capacity: 1,
        handle: () => new Promise<void>((resolve) => releases.push(resolve)),
      }),
    );
    await flushMicrotasks();
    expect(releases.length, 'the handler should have been called for the one item').toBe(1);
    expect(running.status, 'runPipeline must wait for the handler that is still running').toBe('pending');
    releases[0]!();
    await flushMicrotasks();
    expect(running.status).toBe('fulfilled');
  });

  it('under every explored interleaving, every handler has finished when it resolves', async () => {
    await checkInterleavings({
      virtualTime: false,
      params: shapes,
      scenario: (world, shape) => {
        const { observed, all } = pipelineScenario(world, shape);
        return () => {
          expect(observed.finishedAtReturn, 'when runPipeline resolved, every handle call should have finished').toBe(all.length);
        };
      },
    });
  });
});

describe("keeps each producer's order", () => {
  it('with one consumer, items are handled in the order each producer yields them', async () => {
    await checkInterleavings({
      virtualTime: false,
      params: shapes.map((s) => ({ ...s, consumers: 1 })),
      scenario: (world, shape) => {
        const { observed, all } = pipelineScenario(world, shape);
        return () => {
          expect(observed.error, 'the pipeline should not fail').toBeUndefined();
          expect(observed.finished.length, 'every item should be handled').toBe(all.length);
          for (const name of NAMES) {
            const mine = observed.finished.filter((v) => v.startsWith(name));
            expect(mine, `producer ${name}'s items must be handled in order`).toEqual([...mine].sort());
          }
        };
      },
    });
  });
});

describe('surfaces errors', () => {
  it("rejects with a handler's error instead of swallowing it", async () => {
    const boom = new Error('model call failed');
    const running = track(
      runPipeline({
        producers: [['a', 'b', 'c']],
        consumers: 1,
        capacity: 1,
        handle: (item) => {
          if (item === 'b') throw boom;
        },
      }),
    );
    await flushMicrotasks();
    expect(running.status, 'runPipeline should reject once a handler has thrown').toBe('rejected');
    expect(running.reason, 'the rejection should be the handler\'s own error').toBe(boom);
  });

  it("rejects with a producer's error", async () => {
    const boom = new Error('source failed');
    async function* failing() {
      yield 1;
      throw boom;
    }
    const running = track(runPipeline({ producers: [failing(), [2, 3]], consumers: 2, capacity: 1, handle: () => {} }));
    await flushMicrotasks();
    expect(running.status).toBe('rejected');
    expect(running.reason).toBe(boom);
  });

  it("rejects with a producer's error even when that error is a ChannelClosedError", async () => {
    // A producer that reads from an earlier stage, which was closed under it.
    const upstream = new ChannelClosedError('the upstream stage was closed');
    async function* forwarding() {
      yield 1;
      throw upstream;
    }
    const running = track(runPipeline({ producers: [forwarding()], consumers: 1, capacity: 1, handle: () => {} }));
    await flushMicrotasks();
    expect(running.status, "no other task failed, so the producer's error is the pipeline's error and must not be swallowed").toBe('rejected');
    expect(running.reason).toBe(upstream);
  });

  it('starts no new item after a failure', async () => {
    const started: number[] = [];
    const running = track(
      runPipeline({
        producers: [[1, 2, 3, 4, 5, 6]],
        consumers: 1,
        capacity: 2,
        handle: (item) => {
          started.push(item);
          if (item === 2) throw new Error('stop');
        },
      }),
    );
    await flushMicrotasks();
    expect(running.status).toBe('rejected');
    expect(started, 'after item 2 failed, no further item should be handled').toEqual([1, 2]);
  });

  it('a consumer still busy when another fails finishes its item, then starts no new one', async () => {
    const calls = new Map<number, Deferred<void>>();
    const running = track(
      runPipeline({
        producers: [[1, 2, 3, 4, 5, 6]],
        consumers: 2,
        capacity: 2,
        handle: (item) => {
          const call = deferred();
          calls.set(item, call);
          return call.promise;
        },
      }),
    );
    await flushMicrotasks();
    expect([...calls.keys()], 'each of the two consumers should be handling one item').toEqual([1, 2]);
    calls.get(2)!.reject(new Error('cannot handle 2'));
    await flushMicrotasks();
    expect(running.status, 'the handler of item 1 is still running, so runPipeline must wait for it').toBe('pending');
    calls.get(1)!.resolve();
    await flushMicrotasks();
    expect([...calls.keys()], 'after item 2 failed, no consumer should start another item, even with items left in the channel').toEqual([1, 2]);
    expect(running.status).toBe('rejected');
    expect((running.reason as Error).message).toBe('cannot handle 2');
  });

  it('under every explored interleaving, a failing handler rejects the pipeline with its error and nothing hangs', async () => {
    await checkInterleavings({
      virtualTime: false,
      params: shapes.chain((shape) => fc.record({ shape: fc.constant(shape), failAt: fc.integer({ min: 1, max: shape.perProducer }) })),
      scenario: (world, { shape, failAt }) => {
        const failOn = `A${failAt}`;
        const { observed } = pipelineScenario(world, shape, failOn);
        return () => {
          expect(observed.error, `the handler threw for ${failOn}, so runPipeline must reject`).toBeInstanceOf(Error);
          expect((observed.error as Error).message).toBe(`cannot handle ${failOn}`);
        };
      },
    });
  });

  it('rejects invalid options with RangeError', async () => {
    await expect(settled(runPipeline({ producers: [], consumers: 0, capacity: 1, handle: () => {} }), 'runPipeline')).rejects.toBeInstanceOf(RangeError);
    await expect(settled(runPipeline({ producers: [], consumers: 1, capacity: -1, handle: () => {} }), 'runPipeline')).rejects.toBeInstanceOf(RangeError);
  });
});

describe('applies backpressure', () => {
  it('reads a producer no further than the channel has room for', async () => {
    let pulled = 0;
    function* endless() {
      for (let i = 0; i < 1_000; i++) {
        pulled++;
        yield i;
      }
    }
    const releases: Array<() => void> = [];
    const running = track(runPipeline({ producers: [endless()], consumers: 1, capacity: 3, handle: () => new Promise<void>((r) => releases.push(r)) }));
    await flushMicrotasks();
    expect(running.status, 'the pipeline should be waiting for its busy consumer').toBe('pending');
    expect(pulled, 'with one consumer busy and 3 slots, the producer should have yielded 1 + 3 + 1 items at most').toBeLessThanOrEqual(5);
    expect(pulled).toBeGreaterThanOrEqual(4);
  });

  it('under every explored interleaving, items waiting between producers and consumers stay within capacity + producers', async () => {
    await checkInterleavings({ virtualTime: false, params: shapes, scenario: (world, shape) => void pipelineScenario(world, shape) });
  });
});
