import { getEventListeners } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { PoolClosedError, WorkerPool } from '@workbook/07-producer-consumer/worker-pool';
import { checkInterleavings, type World } from '../support/concurrency/index.ts';
import { flushMicrotasks, settled, track } from '../support/async.ts';

// Exploring interleavings is CPU-bound; on a busy machine it can take longer than the default
// timeout. Hangs are still caught without it: the interleaving explorer reports a deadlock as soon as nothing can run.
vi.setConfig({ testTimeout: 30_000 });

/** A task that runs until the test releases it (or fails it), counting how many run at once. */
function controllable() {
  let active = 0;
  let maxActive = 0;
  const started: string[] = [];
  const pending = new Map<string, { resolve: (v: string) => void; reject: (e: unknown) => void; signal: AbortSignal }>();
  const task = (name: string) => (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      active++;
      maxActive = Math.max(maxActive, active);
      started.push(name);
      const done = <A extends unknown[]>(settle: (...args: A) => void) => (...args: A) => {
        active--;
        pending.delete(name);
        settle(...args);
      };
      pending.set(name, { resolve: done(resolve), reject: done(reject), signal });
    });
  return {
    task,
    started,
    finish: (name: string) => pending.get(name)!.resolve(`${name} done`),
    fail: (name: string, error: unknown) => pending.get(name)!.reject(error),
    signalOf: (name: string) => pending.get(name)?.signal,
    get active() {
      return active;
    },
    get maxActive() {
      return maxActive;
    },
  };
}

describe('runs tasks and returns their results', () => {
  it('run resolves with the task\'s result', async () => {
    const pool = new WorkerPool(2);
    expect(await settled(pool.run(async () => 42), 'run(async () => 42)')).toBe(42);
  });

  it('run accepts a synchronous task', async () => {
    const pool = new WorkerPool(1);
    expect(await settled(pool.run(() => 'sync'), 'run(() => "sync")')).toBe('sync');
  });

  it("run rejects with the task's own error", async () => {
    const pool = new WorkerPool(1);
    const boom = new Error('model timed out');
    await expect(settled(pool.run(async () => Promise.reject(boom)), 'a failing task')).rejects.toBe(boom);
    await expect(settled(pool.run(() => { throw boom; }), 'a task that throws synchronously')).rejects.toBe(boom);
  });

  it.each([0, -1, 1.5, Number.NaN])('throws RangeError for concurrency %s', (concurrency) => {
    expect(() => new WorkerPool(concurrency)).toThrow(RangeError);
  });
});

describe('respects the concurrency limit', () => {
  it('starts at most `concurrency` tasks and queues the rest', async () => {
    const pool = new WorkerPool(2);
    const t = controllable();
    for (const name of ['a', 'b', 'c', 'd']) track(pool.run(t.task(name)));
    await flushMicrotasks();
    expect(t.started, 'with concurrency 2, only the first two tasks should start').toEqual(['a', 'b']);
    expect([pool.running, pool.waiting]).toEqual([2, 2]);
  });

  it('starts the next queued task when one finishes', async () => {
    const pool = new WorkerPool(1);
    const t = controllable();
    const a = track(pool.run(t.task('a')));
    track(pool.run(t.task('b')));
    await flushMicrotasks();
    t.finish('a');
    await flushMicrotasks();
    expect(a.value).toBe('a done');
    expect(t.started).toEqual(['a', 'b']);
  });

  it('under every explored interleaving, never more than the limit at once, and every task runs once', async () => {
    await checkInterleavings({
      params: fc.record({ concurrency: fc.integer({ min: 1, max: 3 }), tasks: fc.integer({ min: 1, max: 6 }), failing: fc.integer({ min: -1, max: 5 }) }),
      scenario: (world, { concurrency, tasks, failing }) => {
        const pool = world.name(new WorkerPool(concurrency), 'pool');
        let active = 0;
        const runs: string[] = [];
        world.invariant(`at most ${concurrency} task(s) run at once`, () => active <= concurrency);
        world.invariant('pool.running matches the tasks actually running', () => pool.running === active);
        world.invariant('no task waits while a slot is free', () => pool.waiting === 0 || active === concurrency);
        for (let i = 0; i < tasks; i++) {
          const worker = world.participant(`task ${i}`);
          world.actor(`client ${i}`, async (client) => {
            try {
              await client.call(pool, `run(task ${i})`, () =>
                pool.run(async () => {
                  active++;
                  runs.push(`task ${i}`);
                  try {
                    await worker.step('work');
                    if (i === failing) throw new Error(`task ${i} failed`);
                    return i;
                  } finally {
                    active--;
                  }
                }),
              );
            } catch (error) {
              expect((error as Error).message).toBe(`task ${i} failed`);
            }
          });
        }
        return () => {
          expect(runs.length, 'every task should run exactly once').toBe(tasks);
          expect(new Set(runs).size).toBe(tasks);
          expect([pool.running, pool.waiting]).toEqual([0, 0]);
        };
      },
    });
  });
});

describe('starts queued tasks in arrival order', () => {
  it('queued tasks start first-in, first-out', async () => {
    const pool = new WorkerPool(1);
    const t = controllable();
    for (const name of ['a', 'b', 'c', 'd']) track(pool.run(t.task(name)));
    for (const name of ['a', 'b', 'c']) {
      await flushMicrotasks();
      t.finish(name);
    }
    await flushMicrotasks();
    expect(t.started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('many queued tasks start in arrival order, also when more are queued while the first ones run', async () => {
    const pool = new WorkerPool(2);
    const t = controllable();
    const names = Array.from({ length: 40 }, (_, i) => `task ${i}`);
    for (const name of names.slice(0, 20)) track(pool.run(t.task(name)));
    for (const name of names.slice(0, 6)) {
      await flushMicrotasks();
      t.finish(name);
    }
    for (const name of names.slice(20)) track(pool.run(t.task(name)));
    for (const name of names.slice(6, 38)) {
      await flushMicrotasks();
      t.finish(name);
    }
    await flushMicrotasks();
    expect(t.started, 'tasks should start in the order run was called').toEqual(names);
    expect([pool.running, pool.waiting]).toEqual([2, 0]);
  });

  it('after the queue has emptied, newly queued tasks still start in arrival order', async () => {
    const pool = new WorkerPool(1);
    const t = controllable();
    for (const round of [1, 2]) {
      for (const name of ['a', 'b', 'c']) track(pool.run(t.task(`${name}${round}`)));
      for (const name of ['a', 'b', 'c']) {
        await flushMicrotasks();
        t.finish(`${name}${round}`);
      }
      await flushMicrotasks();
      expect([pool.running, pool.waiting], `after round ${round}, nothing should be running or waiting`).toEqual([0, 0]);
    }
    expect(t.started, 'the second round was queued after the first had drained, and should run all the same').toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'c2']);
  });
});

describe('frees the slot of a failed task', () => {
  it('a task that rejects lets the next queued task start', async () => {
    const pool = new WorkerPool(1);
    const t = controllable();
    const a = track(pool.run(t.task('a')));
    const b = track(pool.run(t.task('b')));
    await flushMicrotasks();
    t.fail('a', new Error('a failed'));
    await flushMicrotasks();
    expect(a.status).toBe('rejected');
    expect(t.started, 'after a failed, its slot should go to b').toEqual(['a', 'b']);
    t.finish('b');
    await flushMicrotasks();
    expect(b.value).toBe('b done');
  });

  it('a task that throws synchronously frees its slot too', async () => {
    const pool = new WorkerPool(1);
    track(pool.run(() => {
      throw new Error('sync failure');
    }));
    const next = track(pool.run(() => 'next'));
    await flushMicrotasks();
    expect(next.value).toBe('next');
  });
});

describe('graceful shutdown', () => {
  it('run after close rejects with PoolClosedError', async () => {
    const pool = new WorkerPool(1);
    void pool.close();
    await expect(settled(pool.run(() => 1), 'run after close')).rejects.toBeInstanceOf(PoolClosedError);
  });

  it('close lets running and queued tasks finish, and resolves only after them', async () => {
    const pool = new WorkerPool(1);
    const t = controllable();
    const a = track(pool.run(t.task('a')));
    const b = track(pool.run(t.task('b')));
    await flushMicrotasks();
    const closed = track(pool.close());
    await flushMicrotasks();
    expect(closed.status, 'close must wait for the accepted tasks').toBe('pending');
    t.finish('a');
    await flushMicrotasks();
    expect(t.started, 'b was accepted before close, so it still runs').toEqual(['a', 'b']);
    expect(closed.status).toBe('pending');
    t.finish('b');
    await flushMicrotasks();
    expect([a.value, b.value, closed.status]).toEqual(['a done', 'b done', 'fulfilled']);
  });

  it('close on an idle pool resolves at once, and is idempotent', async () => {
    const pool = new WorkerPool(2);
    await settled(pool.close(), 'close() on an idle pool');
    await settled(pool.close(), 'a second close()');
  });

  it('under every explored interleaving, close refuses new work and resolves after all accepted work', async () => {
    await checkInterleavings({
      params: fc.record({ concurrency: fc.integer({ min: 1, max: 2 }), tasks: fc.integer({ min: 1, max: 4 }) }),
      scenario: (world, { concurrency, tasks }) => {
        const pool = world.name(new WorkerPool(concurrency), 'pool');
        const accepted: number[] = [];
        const refused: number[] = [];
        const finished: number[] = [];
        let finishedAtClose: number | undefined;
        for (let i = 0; i < tasks; i++) {
          const worker = world.participant(`task ${i}`);
          world.actor(`client ${i}`, async (client) => {
            try {
              await client.call(pool, `run(task ${i})`, () => {
                const running = pool.run(async () => {
                  await worker.step('work');
                  finished.push(i);
                });
                accepted.push(i);
                return running;
              });
            } catch (error) {
              expect(error, 'a task refused after close should reject with PoolClosedError').toBeInstanceOf(PoolClosedError);
              accepted.splice(accepted.indexOf(i), 1);
              refused.push(i);
            }
          });
        }
        world.actor('shutdown', async (actor) => {
          await actor.call(pool, 'close()', () => pool.close(), () => 'closed');
          finishedAtClose = finished.length;
        });
        return () => {
          expect([...finished].sort(), 'every task accepted before close should run to the end').toEqual([...accepted].sort());
          expect(finishedAtClose, 'close() should resolve only after every accepted task finished').toBe(accepted.length);
          expect(accepted.length + refused.length).toBe(tasks);
        };
      },
    });
  });
});

describe('cancellation', () => {
  it('a task whose signal is already aborted never starts', async () => {
    const pool = new WorkerPool(1);
    let ran = false;
    const reason = new Error('user went away');
    const run = track(pool.run(() => { ran = true; }, { signal: AbortSignal.abort(reason) }));
    await flushMicrotasks();
    expect(ran).toBe(false);
    expect(run.reason).toBe(reason);
  });

  it('aborting a queued task removes it: it never starts and run rejects with the reason', async () => {
    const pool = new WorkerPool(1);
    const t = controllable();
    track(pool.run(t.task('a')));
    const controller = new AbortController();
    const b = track(pool.run(t.task('b'), { signal: controller.signal }));
    const c = track(pool.run(t.task('c')));
    await flushMicrotasks();
    controller.abort(new Error('cancelled b'));
    await flushMicrotasks();
    expect(b.status).toBe('rejected');
    expect((b.reason as Error).message).toBe('cancelled b');
    expect(pool.waiting, 'only c should still be waiting').toBe(1);
    t.finish('a');
    await flushMicrotasks();
    expect(t.started, 'b was cancelled while queued, so c runs next').toEqual(['a', 'c']);
    void c;
  });

  it("aborting a running task aborts the task's signal and rejects run at once", async () => {
    const pool = new WorkerPool(1);
    const t = controllable();
    const controller = new AbortController();
    const a = track(pool.run(t.task('a'), { signal: controller.signal }));
    await flushMicrotasks();
    const reason = new Error('stop generating');
    controller.abort(reason);
    await flushMicrotasks();
    expect(t.signalOf('a')?.aborted, "the running task's own signal should be aborted").toBe(true);
    expect(a.status).toBe('rejected');
    expect(a.reason).toBe(reason);
  });

  it('a cancelled task that keeps running keeps its slot until it settles', async () => {
    const pool = new WorkerPool(1);
    const t = controllable();
    const controller = new AbortController();
    track(pool.run(t.task('stubborn'), { signal: controller.signal }));
    track(pool.run(t.task('next')));
    await flushMicrotasks();
    controller.abort(new Error('cancel'));
    await flushMicrotasks();
    expect(t.started, 'the cancelled task ignores its signal and is still running, so next must wait').toEqual(['stubborn']);
    expect(pool.running).toBe(1);
    t.finish('stubborn');
    await flushMicrotasks();
    expect(t.started).toEqual(['stubborn', 'next']);
    expect(t.maxActive).toBe(1);
  });

  it('once its runs have ended, a signal shared by many runs is left with no listener from the pool', async () => {
    const pool = new WorkerPool(2);
    const t = controllable();
    const controller = new AbortController();
    const { signal } = controller;
    const names = Array.from({ length: 12 }, (_, i) => `task ${i}`);
    const runs = names.map((name) => track(pool.run(t.task(name), { signal })));
    for (const [i, name] of names.entries()) {
      await flushMicrotasks();
      if (i % 3 === 0) t.fail(name, new Error(`${name} failed`));
      else t.finish(name);
    }
    await flushMicrotasks();
    expect(runs.filter((r) => r.status === 'pending').length, 'every run should have settled').toBe(0);
    expect(
      getEventListeners(signal, 'abort').length,
      'every run has ended, so the pool should have removed its abort listeners: a long-lived signal would otherwise collect one per run',
    ).toBe(0);
  });

  it('a cancelled run leaves no listener on its signal, whether its task was queued or still running', async () => {
    const pool = new WorkerPool(1);
    const t = controllable();
    const running = new AbortController();
    const queued = new AbortController();
    track(pool.run(t.task('stubborn'), { signal: running.signal }));
    track(pool.run(t.task('queued'), { signal: queued.signal }));
    await flushMicrotasks();
    queued.abort(new Error('cancel the queued task'));
    running.abort(new Error('cancel the running task'));
    await flushMicrotasks();
    expect(t.started, 'the cancelled running task ignores its signal and keeps running').toEqual(['stubborn']);
    expect(getEventListeners(queued.signal, 'abort').length, 'the queued run was cancelled, so the pool should no longer listen to its signal').toBe(0);
    expect(getEventListeners(running.signal, 'abort').length, 'the running run was cancelled, so the pool should no longer listen to its signal').toBe(0);
    t.finish('stubborn');
    await flushMicrotasks();
  });

  it('under every explored interleaving, cancellation never breaks the limit and a task cancelled while queued never starts', async () => {
    await checkInterleavings({
      params: fc.record({
        concurrency: fc.integer({ min: 1, max: 2 }),
        tasks: fc.integer({ min: 2, max: 4 }),
        cancel: fc.integer({ min: 0, max: 3 }),
      }),
      scenario: (world, { concurrency, tasks, cancel }) => {
        const pool = world.name(new WorkerPool(concurrency), 'pool');
        const controllers = Array.from({ length: tasks }, () => new AbortController());
        let running = 0;
        const started = new Set<number>();
        const cancelledBeforeStart = new Set<number>();
        const outcomes: string[] = [];
        world.invariant(`at most ${concurrency} task(s) running, cancelled ones included`, () => running <= concurrency);
        world.invariant('pool.running counts every task that has not stopped, cancelled or not', () => pool.running === running);
        for (let i = 0; i < tasks; i++) {
          const worker = world.participant(`task ${i}`);
          world.actor(`client ${i}`, async (client) => {
            try {
              await client.call(pool, `run(task ${i})`, () =>
                pool.run(
                  async () => {
                    started.add(i);
                    running++;
                    // The task ignores its signal on purpose: it stops only when it is done.
                    await worker.step('work');
                    running--;
                  },
                  { signal: controllers[i]!.signal },
                ),
              );
              outcomes.push(`${i} done`);
            } catch (error) {
              expect((error as Error).message).toBe(`cancel ${i}`);
              outcomes.push(`${i} cancelled`);
            }
          });
        }
        const target = cancel % tasks;
        world.actor('canceller', async (actor) => {
          await actor.call(pool, `abort task ${target}`, () => {
            if (!started.has(target)) cancelledBeforeStart.add(target);
            controllers[target]!.abort(new Error(`cancel ${target}`));
          }, () => 'aborted');
        });
        return () => {
          for (const i of cancelledBeforeStart) expect(started.has(i), `task ${i} was cancelled while queued, so it must never start`).toBe(false);
          expect(outcomes.length, 'every run call should settle').toBe(tasks);
          expect([pool.running, pool.waiting]).toEqual([0, 0]);
        };
      },
    });
  });
});
