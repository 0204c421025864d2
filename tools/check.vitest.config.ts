import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { workbookTarget } from '../core/workbook-target.ts';

/**
 * The self-check's vitest configuration: one vitest process runs every graded suite against
 * several targets at once, each target a project. The plan (written by tools/check.ts) lists them.
 */
export interface CheckProject {
  name: string;
  include: string[];
  target: string;
  overrides?: Record<string, string>;
}

const planFile = process.env.WORKBOOK_CHECK_PLAN;
if (!planFile) throw new Error('WORKBOOK_CHECK_PLAN is not set: run the self-check with npm test');
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as CheckProject[];

export default defineConfig({
  test: {
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
      },
    })),
  },
});
