import { defineConfig } from 'vitest/config';
import { workbookTarget } from '../../core/workbook-target.ts';
import { currentRunFiles, readPlan } from './run-files.ts';

/**
 * The grader's vitest configuration: the suites listed in the run's plan (run-files.ts) against
 * the learner's files (`WORKBOOK_TARGET`, `chapters/` by default), with the two reporters the
 * grader reads and nothing printed to the terminal.
 */
const timeout = Number(process.env.WORKBOOK_TEST_TIMEOUT ?? 5_000);

export default defineConfig({
  plugins: [workbookTarget()],
  test: {
    include: readPlan(currentRunFiles()).files,
    setupFiles: ['test/support/setup.ts', 'cli/grader/setup.ts'],
    testTimeout: timeout,
    hookTimeout: timeout,
    restoreMocks: true,
    unstubEnvs: true,
    passWithNoTests: true,
    reporters: [['./core/results-reporter.ts'], ['./cli/grader/events-reporter.ts']],
  },
});
