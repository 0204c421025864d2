import { defineConfig } from 'vitest/config';
import { workbookTarget } from '../../core/workbook-target.ts';

/**
 * The grader's vitest configuration: the suites named in `WORKBOOK_GRADE_FILES` (a JSON list of
 * absolute paths) against the learner's files (`WORKBOOK_TARGET`, `chapters/` by default), with
 * the two reporters the grader reads and nothing printed to the terminal.
 */
const files = JSON.parse(process.env.WORKBOOK_GRADE_FILES ?? '[]') as string[];
const timeout = Number(process.env.WORKBOOK_TEST_TIMEOUT ?? 5_000);

export default defineConfig({
  plugins: [workbookTarget()],
  test: {
    include: files,
    setupFiles: ['test/support/setup.ts', 'cli/grader/setup.ts'],
    testTimeout: timeout,
    hookTimeout: timeout,
    restoreMocks: true,
    unstubEnvs: true,
    passWithNoTests: true,
    reporters: [['./core/results-reporter.ts'], ['./cli/grader/activity-reporter.ts']],
  },
});
