import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedExecutor } from '@workbook/03-message-ordering/keyed-executor';
import { deferred, flushMicrotasks } from '../support/async.ts';
import { isRetained } from '../support/gc.ts';


/** Records how a promise settled, without leaving a rejection unhandled. */
function outcome<T>(promise: Promise<T>): { settled: { ok: true; value: T } | { ok: false; error: unknown } | undefined } {
  const box: { settled: { ok: true; value: T } | { ok: false; error: unknown } | undefined } = { settled: undefined };
  promise.then(
    (value) => (box.settled = { ok: true, value }),
    (error: unknown) => (box.settled = { ok: false, error }),
  );
  return box;
}

describe('runs tasks of one key in submission order', () => {
  it('starts the next task of a key only after the previous one has settled', async () => {
    const executor = new KeyedExecutor<string>();
    const log: string[] = [];
    const first = deferred();
    executor.submit('a', async () => {
      log.push('a1 start');
      await first.promise;
      log.push('a1 end');
    });
    executor.submit('a', () => {
      log.push('a2 start');
    });
    await flushMicrotasks();
    expect(log, 'a2 must wait while a1 is still running').toEqual(['a1 start']);
    first.resolve();
    await flushMicrotasks();
    expect(log).toEqual(['a1 start', 'a1 end', 'a2 start']);
  });

  it('resolves each promise with its own task result', async () => {
    const executor = new KeyedExecutor<string>();
    const results = [
      outcome(executor.submit('a', () => 1)),
      outcome(executor.submit('a', async () => 2)),
      outcome(executor.submit('a', () => Promise.resolve(3))),
    ];
    await flushMicrotasks();
    expect(results.map((r) => r.settled)).toEqual([
      { ok: true, value: 1 },
      { ok: true, value: 2 },
      { ok: true, value: 3 },
    ]);
  });

  it('never starts a task inside the submit call', async () => {
    const executor = new KeyedExecutor<string>();
    let calls = 0;
    executor.submit('a', () => {
      calls++;
    });
    expect(calls, 'submit must return before the task starts').toBe(0);
    await flushMicrotasks();
    expect(calls, 'the task starts soon after submit returns').toBe(1);
  });

  it('makes a task submitted later wait for the one still running, even after earlier ones finished', async () => {
    const executor = new KeyedExecutor<string>();
    const log: string[] = [];
    const gate1 = deferred();
    const gate2 = deferred();
    executor.submit('a', async () => {
      await gate1.promise;
      log.push('a1 end');
    });
    executor.submit('a', async () => {
      log.push('a2 start');
      await gate2.promise;
      log.push('a2 end');
    });
    gate1.resolve();
    await flushMicrotasks();
    expect(log).toEqual(['a1 end', 'a2 start']);
    executor.submit('a', () => {
      log.push('a3 start');
    });
    await flushMicrotasks();
    expect(log, 'a3 was submitted while a2 runs: it must wait for a2').toEqual(['a1 end', 'a2 start']);
    gate2.resolve();
    await flushMicrotasks();
    expect(log).toEqual(['a1 end', 'a2 start', 'a2 end', 'a3 start']);
  });

  it('rejects a task that is not a function', () => {
    const executor = new KeyedExecutor<string>();
    expect(() => executor.submit('a', 42 as unknown as () => void)).toThrow(TypeError);
  });
});

describe('runs different keys concurrently', () => {
  it('starts the first task of every key without waiting for the others', async () => {
    const executor = new KeyedExecutor<string>();
    const started: string[] = [];
    const gate = deferred();
    for (const key of ['a', 'b', 'c']) {
      executor.submit(key, async () => {
        started.push(key);
        await gate.promise;
      });
    }
    await flushMicrotasks();
    expect(started, 'a slow task under one key must not hold back other keys').toEqual(['a', 'b', 'c']);
    gate.resolve();
    await flushMicrotasks();
    expect(executor.pending).toBe(0);
  });

  it('lets a fast key finish while a slow key is still running', async () => {
    const executor = new KeyedExecutor<string>();
    const slow = deferred();
    const slowResult = outcome(executor.submit('slow', () => slow.promise.then(() => 'slow done')));
    const fast = outcome(executor.submit('fast', () => 'fast done'));
    await flushMicrotasks();
    expect(fast.settled).toEqual({ ok: true, value: 'fast done' });
    expect(slowResult.settled, 'the slow task has not finished yet').toBeUndefined();
    slow.resolve();
    await flushMicrotasks();
    expect(slowResult.settled).toEqual({ ok: true, value: 'slow done' });
  });
});

describe('a failing task does not stall its key or the others', () => {
  it('rejects the failing task with its own error', async () => {
    const executor = new KeyedExecutor<string>();
    const boom = new Error('tool call failed');
    const failed = outcome(executor.submit('a', () => Promise.reject(boom)));
    await flushMicrotasks();
    expect(failed.settled).toEqual({ ok: false, error: boom });
    expect((failed.settled as { error: unknown }).error, 'the promise rejects with the very error the task threw').toBe(boom);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const executor = new KeyedExecutor<string>();
    const boom = new Error('thrown synchronously');
    const failed = outcome(
      executor.submit('a', () => {
        throw boom;
      }),
    );
    await flushMicrotasks();
    expect((failed.settled as { error: unknown } | undefined)?.error, 'a task that throws must reject its own promise with that error').toBe(boom);
  });

  it('runs the next task of the same key after a failure, with its own result', async () => {
    const executor = new KeyedExecutor<string>();
    const failed = outcome(executor.submit('a', () => Promise.reject(new Error('first failed'))));
    const next = outcome(executor.submit('a', () => 'second ran'));
    const after = outcome(
      executor.submit('a', () => {
        throw new Error('third failed');
      }),
    );
    const last = outcome(executor.submit('a', async () => 'fourth ran'));
    await flushMicrotasks();
    expect(failed.settled?.ok).toBe(false);
    expect(next.settled, 'a failure must not stop the key: the next task runs').toEqual({ ok: true, value: 'second ran' });
    expect(after.settled?.ok).toBe(false);
    expect((after.settled as { error: Error }).error.message, 'each task fails with its own error').toBe('third failed');
    expect(last.settled).toEqual({ ok: true, value: 'fourth ran' });
  });

  it('other keys are not affected by a failure', async () => {
    const executor = new KeyedExecutor<string>();
    const failed = outcome(executor.submit('a', () => Promise.reject(new Error('a failed'))));
    const other = outcome(executor.submit('b', () => 'b ran'));
    await flushMicrotasks();
    expect(failed.settled?.ok).toBe(false);
    expect(other.settled).toEqual({ ok: true, value: 'b ran' });
  });
});

describe('reports when idle', () => {
  it('onIdle resolves at once when nothing was submitted', async () => {
    const executor = new KeyedExecutor<string>();
    let idle = false;
    void executor.onIdle().then(() => (idle = true));
    await flushMicrotasks();
    expect(idle).toBe(true);
  });

  it('onIdle waits for running tasks, not only queued ones', async () => {
    const executor = new KeyedExecutor<string>();
    const gate = deferred();
    executor.submit('a', () => gate.promise);
    let idle = false;
    void executor.onIdle().then(() => (idle = true));
    await flushMicrotasks();
    expect(idle, 'a task is still running, so the executor is not idle').toBe(false);
    gate.resolve();
    await flushMicrotasks();
    expect(idle).toBe(true);
  });

  it('onIdle resolves (never rejects) after failed tasks too, and wakes every waiter', async () => {
    const executor = new KeyedExecutor<string>();
    const failed = outcome(executor.submit('a', () => Promise.reject(new Error('no'))));
    executor.submit('b', () => 'ok');
    const waiters = [outcome(executor.onIdle()), outcome(executor.onIdle())];
    await flushMicrotasks();
    expect(failed.settled?.ok).toBe(false);
    expect(waiters.map((w) => w.settled)).toEqual([
      { ok: true, value: undefined },
      { ok: true, value: undefined },
    ]);
  });

  it('counts pending tasks and active keys, and forgets keys once idle', async () => {
    const executor = new KeyedExecutor<string>();
    const gate = deferred();
    executor.submit('a', () => gate.promise);
    executor.submit('a', () => undefined);
    executor.submit('b', () => gate.promise);
    expect([executor.pending, executor.activeKeys]).toEqual([3, 2]);
    gate.resolve();
    await flushMicrotasks();
    expect([executor.pending, executor.activeKeys], 'an idle executor keeps no per-key state').toEqual([0, 0]);
    for (let i = 0; i < 100; i++) executor.submit(`conversation-${i}`, () => i);
    expect([executor.pending, executor.activeKeys]).toEqual([100, 100]);
    await flushMicrotasks();
    expect(executor.activeKeys, 'keys are dropped once their last task settles').toBe(0);
  });

  it('lets go of a settled task while later tasks of its key are still running', async () => {
    const executor = new KeyedExecutor<string>();
    const gate = deferred();
    // Made out here: a closure made inside the callback below could keep `data` alive itself.
    const blocker = () => gate.promise;
    const retained = await isRetained((data) => {
      void executor.submit('a', () => Object.keys(data).length);
      void executor.submit('a', blocker);
    });
    expect(executor.pending, 'the second task is still running').toBe(1);
    expect(retained, 'the executor still holds the first task (and what it refers to) after it settled').toBe(false);
    gate.resolve();
    await flushMicrotasks();
  });

  it('a new round of work after idling is waited for again', async () => {
    const executor = new KeyedExecutor<string>();
    executor.submit('a', () => 1);
    await flushMicrotasks();
    expect(executor.pending).toBe(0);
    const gate = deferred();
    executor.submit('a', () => gate.promise);
    let idle = false;
    void executor.onIdle().then(() => (idle = true));
    await flushMicrotasks();
    expect(idle).toBe(false);
    gate.resolve();
    await flushMicrotasks();
    expect(idle).toBe(true);
  });
});

describe('holds under many seeded interleavings', () => {
  // Each planned task belongs to a key, may fail, takes one to three scheduled steps (the
  // scheduler decides which pending step of which task completes next), and is submitted in
  // one of three waves: wave 0 at once, waves 1 and 2 from callbacks the scheduler releases
  // at some point in the run.
  const plan = fc.record({
    key: fc.constantFrom('a', 'b', 'c'),
    fails: fc.boolean(),
    steps: fc.integer({ min: 1, max: 3 }),
    wave: fc.nat({ max: 2 }),
  });

  it('per-key order, one task per key at a time, every key running, errors isolated, no task lost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(plan, { minLength: 1, maxLength: 12 }), async (s, plans) => {
        const executor = new KeyedExecutor<string>();
        const submitted = new Map<string, number[]>();
        const started = new Map<string, number[]>();
        const running = new Map<string, number>();
        const overlaps: string[] = [];
        const earlyIdle: string[] = [];
        const finished = new Set<number>();
        let runningNow = 0;
        const settled: Array<{ ok: true; value: unknown } | { ok: false; error: unknown } | undefined> = plans.map(() => undefined);

        const submit = (i: number): void => {
          const { key, fails, steps } = plans[i]!;
          submitted.set(key, [...(submitted.get(key) ?? []), i]);
          executor
            .submit(key, async () => {
              started.set(key, [...(started.get(key) ?? []), i]);
              running.set(key, (running.get(key) ?? 0) + 1);
              if (running.get(key)! > 1) overlaps.push(`task ${i} started while another task of key "${key}" was running`);
              runningNow++;
              for (let step = 1; step <= steps; step++) await s.schedule(Promise.resolve(), `task ${i} (key ${key}) step ${step}`);
              running.set(key, running.get(key)! - 1);
              runningNow--;
              finished.add(i);
              if (fails) throw new Error(`task ${i} failed`);
              return i;
            })
            .then(
              (value) => (settled[i] = { ok: true, value }),
              (error: unknown) => (settled[i] = { ok: false, error }),
            );
        };
        const watchIdle = (): void => {
          void executor.onIdle().then(() => {
            const unfinished = [...submitted.values()].flat().filter((i) => !finished.has(i));
            if (unfinished.length > 0) earlyIdle.push(`onIdle resolved before task(s) ${unfinished.join(', ')} had finished`);
          });
        };

        plans.forEach((p, i) => p.wave === 0 && submit(i));
        watchIdle();
        for (const wave of [1, 2]) {
          void s.schedule(Promise.resolve(), `submit wave ${wave}`).then(() => {
            plans.forEach((p, i) => p.wave === wave && submit(i));
            watchIdle();
          });
        }

        // Before the scheduler releases anything, the first task of every wave-0 key has started.
        await flushMicrotasks();
        const wave0Keys = new Set(plans.filter((p) => p.wave === 0).map((p) => p.key));
        expect(runningNow, `every key of wave 0 (${[...wave0Keys].join(', ')}) should be running its first task at once`).toBe(wave0Keys.size);

        await s.waitIdle();
        await flushMicrotasks();

        expect(overlaps.join('; '), 'two tasks of one key ran at the same time').toBe('');
        for (const [key, order] of submitted) expect(started.get(key), `tasks of key "${key}" must start in submission order`).toEqual(order);
        plans.forEach((p, i) => {
          expect(settled[i], `task ${i} (key ${p.key}) never settled: it was lost or stalled`).toBeDefined();
          if (p.fails) expect((settled[i] as { error: Error }).error?.message).toBe(`task ${i} failed`);
          else expect(settled[i]).toEqual({ ok: true, value: i });
        });
        expect(earlyIdle.join('; '), 'onIdle must wait until nothing is running or waiting').toBe('');
        expect([executor.pending, executor.activeKeys]).toEqual([0, 0]);
      }),
    );
  });
});
