import pc from 'picocolors';

/**
 * The one vocabulary of outcomes, shared by exercises, tasks and tests, in the JSON report, the
 * progress file and on screen:
 *
 * | status          | mark | label            | meaning |
 * |-----------------|------|------------------|---------|
 * | `pass`          | ✓    | passed           | every test passed (an exercise: every task, and no uncaught error) |
 * | `fail`          | ✗    | failing          | a test failed |
 * | `error`         | !    | could not run    | the file could not be loaded, or the grader could not run it |
 * | `timeout`       | ⧗    | did not finish   | stopped by the grader: an infinite loop, or a wait that never ended |
 * | `not-run`       | –    | not run          | skipped because of another test (the reason is given) |
 * | `not-started`   | ○    | not started      | the file is still the untouched stub |
 * | `missing`       | ?    | file missing     | the learner's file is not there |
 * | `needs-program` | ⊘    | needs <program>  | a program the suite needs is not installed here |
 */
export type Status = 'pass' | 'fail' | 'error' | 'timeout' | 'not-run' | 'not-started' | 'missing' | 'needs-program';

export type ExerciseStatus = Exclude<Status, 'not-run'>;
export type TaskStatus = Status;
export type TestStatus = Extract<Status, 'pass' | 'fail' | 'timeout' | 'not-run'>;

interface StatusStyle {
  mark: string;
  label: string;
  colour: (text: string) => string;
}

export const STATUS: Readonly<Record<Status, StatusStyle>> = {
  pass: { mark: '✓', label: 'passed', colour: pc.green },
  fail: { mark: '✗', label: 'failing', colour: pc.red },
  error: { mark: '!', label: 'could not run', colour: pc.red },
  timeout: { mark: '⧗', label: 'did not finish', colour: pc.red },
  'not-run': { mark: '–', label: 'not run', colour: pc.dim },
  'not-started': { mark: '○', label: 'not started', colour: pc.dim },
  missing: { mark: '?', label: 'file missing', colour: pc.yellow },
  'needs-program': { mark: '⊘', label: 'needs a program', colour: pc.yellow },
};

/** The coloured mark of a status (`✓`, `✗`, …). */
export function statusMark(status: Status): string {
  return STATUS[status].colour(STATUS[status].mark);
}

/**
 * The coloured label of a status. `programs` names what a `needs-program` exercise lacks
 * (`needs redis-server`).
 */
export function statusLabel(status: Status, programs: readonly string[] = []): string {
  const text = status === 'needs-program' && programs.length ? `needs ${programs.join(' and ')}` : STATUS[status].label;
  return STATUS[status].colour(text);
}
