import path from 'node:path';
import type { ErrorRecord, TestRecord } from '../core/results-reporter.ts';
import { ROOT } from '../core/root.ts';
import type { Exercise } from '../core/workbook.ts';
import type { ActivityEvent } from './grader/activity-reporter.ts';
import { command } from './context.ts';
import { explainMessage } from './explain.ts';
import type { ExerciseReport, FailureReport, TaskReport, TestReport } from './report.ts';
import type { SuiteRun } from './run-suites.ts';
import type { TypeErrorRecord } from './type-errors.ts';

/** What the grader knew about one exercise before running anything. */
export type Preflight =
  | { kind: 'missing'; renamedTo: string[] }
  | { kind: 'not-started' }
  | { kind: 'run' };

export interface ScoreInput {
  exercise: Exercise;
  /** The learner's file, absolute. */
  learnerFile: string;
  /** The learner's file as messages show it (`chapters/…`). */
  shownFile: string;
  preflight: Preflight;
  run?: SuiteRun;
  typeErrors: TypeErrorRecord[];
  /** How many hints the learner has already read. */
  hintsSeen: number;
}

/** Turns one exercise's test results into its part of the report. */
export function scoreExercise(input: ScoreInput): ExerciseReport {
  const { exercise, preflight } = input;
  const tasks = exercise.meta.tasks;
  const possible = tasks.reduce((sum, t) => sum + t.points, 0);
  const base: ExerciseReport = {
    key: exercise.key,
    chapter: exercise.chapter.slug,
    title: exercise.meta.title,
    file: input.shownFile,
    status: 'failing',
    points: 0,
    possible,
    typeErrors: input.typeErrors.map((e) => ({ file: input.shownFile, line: e.line, column: e.column, message: e.message })),
    unhandledErrors: [],
    durationMs: 0,
    tasks: [],
  };
  const idle = (status: TaskReport['status'], message: string): TaskReport[] =>
    tasks.map((t) => ({ title: t.title, status, points: 0, possible: t.points, message, durationMs: 0, tests: [] }));

  if (preflight.kind === 'missing') {
    const renamed = preflight.renamedTo.length ? ` If you renamed it, rename ${preflight.renamedTo.join(' or ')} back.` : '';
    const message = `${input.shownFile} is missing.${renamed} ${command('reset', exercise.key)} writes a fresh stub.`;
    return { ...base, status: 'missing', message, tasks: idle('missing', 'the file is missing') };
  }
  if (preflight.kind === 'not-started') {
    const message = `Not started yet: ${input.shownFile} is still the untouched stub. Open it, read the contract in its comments, and replace the TODOs.`;
    return { ...base, status: 'not-started', message, typeErrors: [], tasks: idle('not-started', 'not started yet') };
  }

  const run = input.run!;
  const suite = path.relative(ROOT, exercise.suitePath).split(path.sep).join('/');
  const events = run.events.filter((e) => e.file === exercise.suitePath);
  const output = consoleOutput(events);
  const withOutput = output ? { ...base, output } : base;
  const hung = run.hung.find((h) => h.file === exercise.suitePath);
  const unhandled = run.events.filter((e): e is Extract<ActivityEvent, { event: 'unhandled' }> => e.event === 'unhandled' && mentions(e, exercise.suitePath, input.learnerFile));
  const module = run.results.modules.find((m) => m.file === suite);
  const tests = run.results.tests.filter((t) => t.file === suite);

  if (hung) {
    const tasksReport = scoreHungTasks(tasks, hung, events);
    return { ...withOutput, status: 'timeout', message: hungMessage(hung), points: sum(tasksReport), tasks: tasksReport };
  }

  const loadErrors = module?.errors ?? [];
  if (loadErrors.length > 0 || (tests.length === 0 && run.crashes.length > 0)) {
    const error = loadErrors[0];
    const message = error
      ? `Your file could not be loaded, so no test ran: ${explainMessage(error.message)}${error.location ? ` (at ${error.location})` : ''}`
      : `The grader could not run this exercise: ${run.crashes[0]!.split('\n').slice(0, 8).join('\n')}`;
    return { ...withOutput, status: 'error', message, tasks: idle('error', 'the file could not be loaded') };
  }

  const report = tasks.map((task): TaskReport => {
    const own = tests.filter((t) => t.task === task.title);
    const failed = own.find((t) => t.state === 'failed');
    const passed = own.length > 0 && !failed && own.every((t) => t.state === 'passed');
    const testReports = own.map(testReport);
    const durationMs = own.reduce((s, t) => s + t.durationMs, 0);
    const message = passed ? undefined : failed ? explainMessage(failed.errors[0]?.message ?? 'failed') : 'no test of this task ran';
    return { title: task.title, status: passed ? 'pass' : 'fail', points: passed ? task.points : 0, possible: task.points, durationMs, tests: testReports, ...(message ? { message } : {}) };
  });
  const unhandledErrors = countRepeats(unhandled.map((e) => `${explainMessage(e.message)}${e.test ? ` (during "${e.test}")` : ''}`));
  // An error that escaped a test still counts against the task whose test was running.
  for (const error of unhandled) {
    const task = report.find((t) => t.tests.some((test) => test.name === error.test));
    if (task && task.status === 'pass') Object.assign(task, { status: 'fail', points: 0, message: `your code left an error no one caught: ${explainMessage(error.message)}` });
  }
  const points = sum(report);
  const allPass = report.every((t) => t.status === 'pass') && unhandled.length === 0;
  const failure = firstFailure(tasks.map((t) => t.title), tests, input.learnerFile);
  const nextLevel = Math.min(input.hintsSeen + 1, exercise.meta.hints.length);
  const leftErrors = unhandled.length > 0 && report.every((t) => t.status === 'pass');
  return {
    ...withOutput,
    ...(leftErrors ? { message: 'Every task passes, but your code left errors that nothing caught (listed below). An exercise passes only without them: handle or return every promise you create.' } : {}),
    status: allPass ? 'passed' : 'failing',
    points,
    unhandledErrors,
    durationMs: report.reduce((s, t) => s + t.durationMs, 0),
    tasks: report,
    ...(failure ? { failure } : {}),
    ...(allPass ? {} : { nextHint: { level: nextLevel, of: exercise.meta.hints.length, command: command('hint', exercise.meta.id) } }),
  };
}

type Hung = SuiteRun['hung'][number];

function hungMessage(hung: Hung): string {
  const where = hung.test
    ? `The test "${hung.test.name}" (task "${hung.test.task}") was running when the grader stopped it.`
    : 'It was still loading your file, so look at code that runs at the top level of the file.';
  return `This exercise did not finish within ${hung.seconds}s: an infinite loop? ${where} Look for a loop whose condition never changes, such as a while loop waiting for something only another callback could do.`;
}

/**
 * Tasks of a suite the watchdog stopped, from what its worker recorded before the loop: tasks
 * whose tests all ran and passed keep their points; the task of the stuck test, and the tasks
 * after it that never ran, are marked `timeout`.
 */
function scoreHungTasks(tasks: Exercise['meta']['tasks'], hung: Hung, events: ActivityEvent[]): TaskReport[] {
  const ended = events.filter((e): e is Extract<ActivityEvent, { event: 'test-end' }> => e.event === 'test-end');
  const stuckAt = hung.test ? tasks.findIndex((t) => t.title === hung.test!.task) : -1;
  return tasks.map((task, index): TaskReport => {
    const done = ended.filter((e) => e.task === task.title);
    const tests: TestReport[] = done.map((e) => ({
      name: e.name,
      status: e.state === 'passed' ? 'pass' : 'fail',
      durationMs: 0,
      ...(e.message ? { message: explainMessage(e.message) } : {}),
    }));
    const base = { title: task.title, possible: task.points, durationMs: 0, tests };
    if (index === stuckAt) return { ...base, status: 'timeout', points: 0, message: `"${hung.test!.name}" never finished` };
    const ran = done.length > 0 && (stuckAt < 0 || index < stuckAt);
    if (!ran) return { ...base, status: 'timeout', points: 0, message: 'did not run: the grader stopped the run first' };
    const failed = done.find((e) => e.state !== 'passed');
    if (failed) return { ...base, status: 'fail', points: 0, message: explainMessage(failed.message ?? 'failed') };
    return { ...base, status: 'pass', points: task.points };
  });
}

/** Identical messages once each, with how many times they happened. */
function countRepeats(messages: string[]): string[] {
  const counts = new Map<string, number>();
  for (const message of messages) counts.set(message, (counts.get(message) ?? 0) + 1);
  return [...counts].map(([message, n]) => (n > 1 ? `${message} (${n} times)` : message));
}

function sum(tasks: TaskReport[]): number {
  return tasks.reduce((s, t) => s + t.points, 0);
}

function testReport(test: TestRecord): TestReport {
  const name = test.task && test.name.startsWith(`${test.task} > `) ? test.name.slice(test.task.length + 3) : test.name;
  const timedOut = test.errors.some((e) => /timed out in \d+ms/i.test(e.message));
  return {
    name,
    status: test.state === 'passed' ? 'pass' : timedOut ? 'timeout' : test.state === 'failed' ? 'fail' : 'not-run',
    durationMs: test.durationMs,
    ...(test.errors[0] ? { message: explainMessage(test.errors[0].message) } : {}),
  };
}

function firstFailure(order: string[], tests: TestRecord[], learnerFile: string): FailureReport | undefined {
  for (const task of order) {
    const failed = tests.find((t) => t.task === task && t.state === 'failed');
    if (!failed) continue;
    const error: ErrorRecord = failed.errors[0] ?? { message: 'failed' };
    const inLearnerFile = error.location?.startsWith(`${path.relative(ROOT, learnerFile).split(path.sep).join('/')}:`) ?? false;
    const message = explainFailure(error, inLearnerFile);
    // When the real cause was a process.exit, the matcher's expected/got would only distract.
    const compare = message.startsWith('Your code called process.exit') ? { ...error, expected: undefined, actual: undefined, diff: undefined } : error;
    return {
      task,
      test: testReport(failed).name,
      message,
      ...(compare.expected !== undefined ? { expected: error.expected } : {}),
      ...(compare.actual !== undefined ? { actual: compare.actual } : {}),
      ...(compare.diff !== undefined ? { diff: compare.diff.replace(/\u001b\[[0-9;]*m/g, '') } : {}),
      ...(error.location ? { location: error.location } : {}),
      inLearnerFile,
    };
  }
  return undefined;
}

/** The message of a failure, explained; a process.exit caught inside a matcher is named too. */
function explainFailure(error: ErrorRecord, inLearnerFile: boolean): string {
  // "name is not a function" raised by the test's own call means the import found nothing.
  const called = /^([\w$]+) is not a (function|constructor)$/.exec(error.message);
  if (called && !inLearnerFile) return explainMessage(`(0 , module.${called[1]}) is not a ${called[2]}`);
  const exit = [error.message, error.actual ?? '', error.diff ?? ''].map((t) => /process\.exit unexpectedly called with \\?"(.*?)\\?"/.exec(t)).find(Boolean);
  if (exit) return explainMessage(`process.exit unexpectedly called with "${exit[1]}"`);
  return explainMessage(error.message);
}

export function mentions(event: Extract<ActivityEvent, { event: 'unhandled' }>, suite: string, learnerFile: string): boolean {
  if (event.file) return event.file === suite;
  return (event.stack ?? '').includes(learnerFile);
}

function consoleOutput(events: ActivityEvent[]): ExerciseReport['output'] | undefined {
  const logs = events.filter((e): e is Extract<ActivityEvent, { event: 'log' }> => e.event === 'log');
  if (logs.length === 0) return undefined;
  const text = logs.map((e) => e.text).join('');
  const total = events.find((e): e is Extract<ActivityEvent, { event: 'log-total' }> => e.event === 'log-total')?.bytes ?? Buffer.byteLength(text);
  return { bytes: total, text, truncated: total > Buffer.byteLength(text) };
}
