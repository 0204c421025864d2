import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { taskOf } from '../../core/task.ts';

/**
 * A setup file the grader adds to every graded suite. It records, from inside the worker and
 * synchronously, each test as it starts and ends. The reporter's events travel to the main
 * process in batches, and a worker stuck in a synchronous infinite loop never sends its last
 * batch; these lines are on disk before the test body runs, so the grader can always name the
 * test that never finished.
 */
const out = process.env.WORKBOOK_ACTIVITY;

interface TaskLike {
  name: string;
  file?: { filepath: string };
  suite?: TaskLike;
  result?: { errors?: Array<{ message?: string }> };
}

function topLevel(task: TaskLike): string | undefined {
  const suites: string[] = [];
  // A top-level describe has no parent suite (the file is not part of the chain).
  for (let suite = task.suite; suite; suite = suite.suite) suites.unshift(suite.name);
  return taskOf(suites);
}

if (out) {
  // Setup files run in the worker before it imports the suite: mark the suite as started, so an
  // infinite loop at the top level of the learner's file is pinned on the right suite.
  const file = (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__?.filepath;
  if (file) {
    appendFileSync(out, `${JSON.stringify({ event: 'file-start', file })}\n`);
    // Written by the worker itself, so a finished suite is known even if vitest's own report of
    // it was still on its way to the main process when the watchdog stopped the run.
    afterAll(() => appendFileSync(out, `${JSON.stringify({ event: 'file-end', file })}\n`));
  }
  beforeEach(({ task }) => {
    const t = task as unknown as TaskLike;
    appendFileSync(out, `${JSON.stringify({ event: 'test-start', file: t.file?.filepath, task: topLevel(t), name: t.name })}\n`);
  });
  afterEach(({ task }) => {
    const t = task as unknown as TaskLike;
    const message = t.result?.errors?.[0]?.message;
    const state = message ? 'failed' : 'passed';
    appendFileSync(out, `${JSON.stringify({ event: 'test-end', file: t.file?.filepath, task: topLevel(t), name: t.name, state, ...(message ? { message } : {}) })}\n`);
  });
}
