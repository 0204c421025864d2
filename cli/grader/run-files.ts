import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The one path convention of the grader: each vitest run it starts gets its own folder, named
 * to vitest by `WORKBOOK_GRADE_RUN`, and every file of that run lives there under a fixed name:
 *
 * - `plan.json`: what to run (written by the grader before vitest starts; see {@link RunPlan});
 * - `events.jsonl`: one JSON line per event, appended as the run goes (by `events-reporter.ts`
 *   in vitest's main process and by `setup.ts` inside each worker);
 * - `results.json`: every test's outcome, written once the run ends (`core/results-reporter.ts`,
 *   which reads its path from `WORKBOOK_RESULTS`, the variable the self-check uses too).
 */
export const RUN_DIR_ENV = 'WORKBOOK_GRADE_RUN';

export interface RunFiles {
  dir: string;
  plan: string;
  events: string;
  results: string;
}

export function runFiles(dir: string): RunFiles {
  return { dir, plan: path.join(dir, 'plan.json'), events: path.join(dir, 'events.jsonl'), results: path.join(dir, 'results.json') };
}

/** The files of the run this process belongs to, when the grader started it. */
export function currentRunFiles(env: NodeJS.ProcessEnv = process.env): RunFiles | undefined {
  const dir = env[RUN_DIR_ENV];
  return dir ? runFiles(dir) : undefined;
}

/** Tests the run must not start: a whole task, or one test outside any task, and why. */
export interface SkipRule {
  /** Absolute path of the suite. */
  file: string;
  task?: string;
  /** A test's full name (`task > … > test`), for a test outside any task. */
  test?: string;
  reason: string;
}

export interface RunPlan {
  /** Absolute paths of the suites to run. */
  files: string[];
  skip: SkipRule[];
  /** After this many tests of one suite time out, the rest of that suite is not run. */
  timeoutLimit: number;
}

export function readPlan(files: RunFiles | undefined): RunPlan {
  if (!files) return { files: [], skip: [], timeoutLimit: Number.POSITIVE_INFINITY };
  return JSON.parse(readFileSync(files.plan, 'utf8')) as RunPlan;
}
