import { siteSteps } from '../site/lib/checks.ts';
import type { BuildResult } from '../site/lib/site.ts';
import type { StepResult } from './check.ts';

/**
 * Further checks `npm test` runs after the graded suites, on the whole workbook only
 * (for example: the docs site builds and its links resolve). Each returns its problems.
 * `site` is the run's one build of the docs site, which the browser tests also used.
 */
export function extraSteps(site: () => Promise<BuildResult | Error>): Array<() => Promise<StepResult>> {
  return siteSteps(site);
}
