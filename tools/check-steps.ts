import { siteSteps } from '../site/lib/checks.ts';
import type { StepResult } from './check.ts';

/**
 * Further checks `npm test` runs after the graded suites, on the whole workbook only
 * (for example: the docs site builds and its links resolve). Each returns its problems.
 */
export const EXTRA_STEPS: Array<() => Promise<StepResult>> = siteSteps();
