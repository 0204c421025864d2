import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { taskOf } from '../../core/task.ts';
import type { GradeEvent } from './events-reporter.ts';
import { currentRunFiles, readPlan } from './run-files.ts';

/**
 * A setup file the grader adds to every graded suite. Inside the worker, synchronously, it:
 *
 * - records each test as it starts and ends (the reporter's events travel to the main process in
 *   batches, and a worker stuck in a synchronous infinite loop never sends its last batch; these
 *   lines are on disk before the test body runs, so the grader can always name the test that
 *   never finished);
 * - skips what the run's plan says not to run: the tasks whose tests never finished in an earlier
 *   run, so that the other tasks can still be graded;
 * - stops a suite early once a few of its tests have timed out (each waited the full test
 *   timeout for something that never happened): the rest would most likely wait the same way,
 *   one after another, and the learner learns nothing more from them.
 */
const files = currentRunFiles();
const plan = readPlan(files);
const out = files?.events;
const timedOut = new Map<string, number>();

interface TaskLike {
  name: string;
  file?: { filepath: string };
  suite?: TaskLike;
  result?: { state?: string; pending?: boolean; errors?: Array<{ message?: string }> };
}

function suitesOf(task: TaskLike): string[] {
  const suites: string[] = [];
  // A top-level describe has no parent suite (the file is not part of the chain).
  for (let suite = task.suite; suite; suite = suite.suite) suites.unshift(suite.name);
  return suites;
}

function write(event: GradeEvent): void {
  if (out) appendFileSync(out, `${JSON.stringify(event)}\n`);
}

function describeTest(t: TaskLike): { file: string; task: string | undefined; name: string; fullName: string } {
  const suites = suitesOf(t);
  return { file: t.file?.filepath ?? '', task: taskOf(suites), name: t.name, fullName: [...suites, t.name].join(' > ') };
}

if (out) {
  // Setup files run in the worker before it imports the suite: mark the suite as started, so an
  // infinite loop at the top level of the learner's file is pinned on the right suite.
  const file = (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__?.filepath;
  if (file) {
    write({ event: 'file-start', file });
    // Written by the worker itself, so a finished suite is known even if vitest's own report of
    // it was still on its way to the main process when the watchdog stopped the run.
    afterAll(() => write({ event: 'file-end', file }));
  }
  beforeEach(({ task, skip }) => {
    const test = describeTest(task as unknown as TaskLike);
    write({ event: 'test-start', ...test });
    const rule = plan.skip.find((r) => r.file === test.file && (r.task !== undefined ? r.task === test.task : r.test === test.fullName));
    if (rule) skip(rule.reason);
    const waits = timedOut.get(test.file) ?? 0;
    if (waits >= plan.timeoutLimit) {
      skip(`not run: ${waits} tests before it waited for something that never happened, so the grader stopped this suite there (this test would most likely wait the same way)`);
    }
  });
  afterEach(({ task }) => {
    const t = task as unknown as TaskLike;
    const test = describeTest(t);
    if (t.result?.pending || t.result?.state === 'skip') {
      write({ event: 'test-end', ...test, state: 'skipped' });
      return;
    }
    const message = t.result?.errors?.[0]?.message;
    if (t.result?.errors?.some((e) => /^Test timed out in \d+ms/.test(e.message ?? ''))) timedOut.set(test.file, (timedOut.get(test.file) ?? 0) + 1);
    write({ event: 'test-end', ...test, state: message ? 'failed' : 'passed', ...(message ? { message } : {}) });
  });
}
