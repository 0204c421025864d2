import fc from 'fast-check';
import { beforeEach, vi } from 'vitest';

// Every file starts on real timers, even one that shares a worker with a file that failed with
// fake timers installed (the self-check runs known-bad implementations that way, in batches).
vi.useRealTimers();

/**
 * Every property test in the workbook runs from one fixed seed, so a run is repeatable. Set
 * WORKBOOK_SEED to explore other seeds; a failure prints the seed and path that replay it.
 */
const seed = Number(process.env.WORKBOOK_SEED ?? 20261129);
fc.configureGlobal({ seed, numRuns: 100 });

/**
 * The self-check grades each known-bad implementation only to see it fail one task, so there it
 * skips the rest of a file after the first failure (tools/check.vitest.config.ts sets this).
 * Learners' grades always run every test.
 */
if (process.env.WORKBOOK_STOP_AT_FIRST_FAILURE) {
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip('a test before this one failed, which is all a known-bad implementation has to do');
    context.onTestFailed(() => {
      failed = true;
    });
  });
}
