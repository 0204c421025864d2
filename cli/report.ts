import type { ExerciseStatus, TaskStatus, TestStatus } from './status.ts';

/**
 * The grade report: what `npm run grade -- --json` prints and the scorecard renders. Shaped in
 * the spirit of Exercism's results.json (version 3): an overall `status`, then per exercise and
 * per task a status, the points, a message in the learner's terms and the duration. Statuses come
 * from the one table in `status.ts`. The README's "The JSON report" section documents every field;
 * `version` changes whenever the format does.
 */
export const REPORT_VERSION = 2;

export interface TestReport {
  name: string;
  status: TestStatus;
  message?: string;
  durationMs: number;
}

export interface TaskReport {
  title: string;
  status: TaskStatus;
  points: number;
  possible: number;
  /** Why the task did not pass, in the learner's terms. */
  message?: string;
  durationMs: number;
  tests: TestReport[];
}

/** One failed test, explained: what was expected, what happened, where. */
export interface FailureReport {
  task: string;
  test: string;
  message: string;
  expected?: string;
  actual?: string;
  /** vitest's line diff of expected against actual (`- ` expected, `+ ` got), for structures. */
  diff?: string;
  /** `file:line:column`, in the learner's file when the error was thrown there. */
  location?: string;
  /** Whether `location` is in the learner's own file. */
  inLearnerFile: boolean;
  /** The message is an interleaving report: steps, a sequence diagram and a replay command. */
  interleaving?: true;
}

export interface TypeErrorReport {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A program an exercise's suite needs and this machine lacks, with the line that installs it. */
export interface MissingProgram {
  command: string;
  install: string;
}

export interface NextHint {
  /** The hint's place in the exercise's ladder, from 1. */
  level: number;
  of: number;
  /** The task the hint is about, when it is about one. */
  task?: string;
  command: string;
}

export interface ExerciseReport {
  /** `<chapter>/<exercise>`. */
  key: string;
  chapter: string;
  title: string;
  /** The learner's file, relative to the workbook (`chapters/…`). */
  file: string;
  status: ExerciseStatus;
  points: number;
  possible: number;
  /** Why the whole exercise could not be graded normally (missing, not started, did not load, hung, needs a program). */
  message?: string;
  /** Every failed test, in task order; the scorecard shows the first of each failing task. */
  failures: FailureReport[];
  /** Reported, never scored: the tests run whatever the types say. */
  typeErrors: TypeErrorReport[];
  /** Errors the code left behind outside any test's control (an unhandled rejection, …). */
  unhandledErrors: string[];
  /** Console output of the learner's code while graded, capped. */
  output?: { bytes: number; text: string; truncated: boolean };
  /** The hint to read next, when the exercise does not pass. */
  nextHint?: NextHint;
  /** For `needs-program`: what is not installed, and how to install it. */
  needs?: MissingProgram[];
  durationMs: number;
  tasks: TaskReport[];
}

export interface GradeReport {
  version: typeof REPORT_VERSION;
  /** `pass`: every graded exercise passes; `fail`: some task fails; `error`: something could not be graded. */
  status: 'pass' | 'fail' | 'error';
  startedAt: string;
  durationMs: number;
  points: number;
  possible: number;
  percent: number;
  /** Errors that escaped every test and could not be traced to one exercise. */
  unhandledErrors: string[];
  exercises: ExerciseReport[];
}
