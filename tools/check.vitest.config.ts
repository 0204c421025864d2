import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { workbookTarget } from '../core/workbook-target.ts';
import { startOrder } from './check-order.ts';

/**
 * The self-check's vitest configuration: one vitest process runs every graded suite against
 * several targets at once, each target a project. The plan (written by tools/check.ts) lists them.
 */
export interface CheckProject {
  name: string;
  include: string[];
  target: string;
  overrides?: Record<string, string>;
  /**
   * Skip the rest of the file once a test has failed. For a known-bad implementation, which only
   * has to fail one task: its remaining tests (some of them waiting out a time limit) prove nothing.
   */
  stopAtFirstFailure?: boolean;
  /** `false` for a batch of suite copies (tools/check-batches.ts): its files share one module cache. */
  isolate?: boolean;
}

const planFile = process.env.WORKBOOK_CHECK_PLAN;
if (!planFile) throw new Error('WORKBOOK_CHECK_PLAN is not set: run the self-check with npm test');
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as CheckProject[];

class LongFilesSpread extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return startOrder(await super.sort(files));
  }
}

export default defineConfig({
  test: {
    // vitest runs one file fewer than there are cores at a time; many graded suites and most of
    // the workbook's own tests spend much of their time waiting on child processes, sockets,
    // browsers and time limits, so one file more than there are cores keeps the cores busy (two
    // per core measured no faster, with more contention for the timing checks). WORKBOOK_MAX_WORKERS overrides it.
    maxWorkers: Number(process.env.WORKBOOK_MAX_WORKERS) || availableParallelism() + 1,
    sequence: { sequencer: LongFilesSpread },
    reporters: [['./core/results-reporter.ts'], ['dot']],
    projects: plan.map((project) => ({
      plugins: [workbookTarget({ target: project.target, overrides: project.overrides ?? {} })],
      test: {
        name: project.name,
        include: project.include,
        setupFiles: ['test/support/setup.ts'],
        testTimeout: 5_000,
        hookTimeout: 5_000,
        restoreMocks: true,
        unstubEnvs: true,
        ...(project.stopAtFirstFailure ? { env: { WORKBOOK_STOP_AT_FIRST_FAILURE: '1' } } : {}),
        ...(project.isolate === false ? { isolate: false } : {}),
      },
    })),
  },
});
