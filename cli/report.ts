/**
 * The grade report: what `npm run grade -- --json` prints and the scorecard renders. Shaped in
 * the spirit of Exercism's results.json (version 3): an overall `status`, then per exercise and
 * per task a status, the points, a message in the learner's terms and the duration.
 * The README's "The learner's loop" section documents every field.
 */
export type TaskStatus = 'pass' | 'fail' | 'error' | 'timeout' | 'not-started' | 'missing';
export type ExerciseStatus = 'passed' | 'failing' | 'error' | 'timeout' | 'not-started' | 'missing';

export interface TestReport {
  name: string;
  status: 'pass' | 'fail' | 'timeout' | 'not-run';
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

/** The first failure of an exercise, explained: what was expected, what happened, where. */
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
}

export interface TypeErrorReport {
  file: string;
  line: number;
  column: number;
  message: string;
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
  /** Why the whole exercise could not be graded normally (missing, not started, did not load, hung). */
  message?: string;
  failure?: FailureReport;
  /** Reported, never scored: the tests run whatever the types say. */
  typeErrors: TypeErrorReport[];
  /** Errors the code left behind outside any test's control (an unhandled rejection, …). */
  unhandledErrors: string[];
  /** Console output of the learner's code while graded, capped. */
  output?: { bytes: number; text: string; truncated: boolean };
  /** The hint the learner should read next, as a command, when the exercise does not pass. */
  nextHint?: { level: number; of: number; command: string };
  durationMs: number;
  tasks: TaskReport[];
}

export interface GradeReport {
  version: 1;
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
