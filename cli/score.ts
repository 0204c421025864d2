import path from 'node:path';
import type { ErrorRecord, TestRecord } from '../core/results-reporter.ts';
import { ROOT } from '../core/root.ts';
import type { Exercise } from '../core/workbook.ts';
import { command } from './context.ts';
import { explainLoadError, explainMessage, explainMissingExport, missingExport } from './explain.ts';
import type { GradeEvent } from './grader/events-reporter.ts';
import { upcomingHint } from './hint.ts';
import type { ExerciseReport, FailureReport, MissingProgram, TaskReport, TestReport } from './report.ts';
import type { Hang, SuiteRun } from './run-suites.ts';
import type { TaskStatus, TestStatus } from './status.ts';
import type { TypeErrorRecord } from './type-errors.ts';

/** What the grader knew about one exercise before running anything. */
export type Preflight =
  | { kind: 'missing'; renamedTo: string[] }
  | { kind: 'not-started' }
  | { kind: 'needs-program'; missing: MissingProgram[] }
  | { kind: 'run' };

export interface ScoreInput {
  exercise: Exercise;
  /** The learner's file, absolute. */
  learnerFile: string;
  /** The learner's file as messages show it (`chapters/…`). */
  shownFile: string;
  /** The learner's file's text, when it was read (to quote a syntax error, to list its exports). */
  learnerSource?: string;
  /** The reference solution's exported names (the names the tests import). */
  expectedExports?: string[];
  preflight: Preflight;
  run?: SuiteRun;
  typeErrors: TypeErrorRecord[];
  /** Which hints the learner has already read. */
  hintsShown: number[];
}

type UnhandledEvent = Extract<GradeEvent, { event: 'unhandled' }>;
type TestEnd = Extract<GradeEvent, { event: 'test-end' }>;

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
    status: 'fail',
    points: 0,
    possible,
    failures: [],
    typeErrors: input.typeErrors.map((e) => ({ file: input.shownFile, line: e.line, column: e.column, message: e.message })),
    unhandledErrors: [],
    durationMs: 0,
    tasks: [],
  };
  const idle = (status: TaskStatus, message: string): TaskReport[] =>
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
  if (preflight.kind === 'needs-program') {
    const names = preflight.missing.map((m) => m.command);
    const how = preflight.missing.map((m) => m.install).join(' && ');
    const message = `Not graded here: its tests need ${names.join(' and ')}, which ${names.length === 1 ? 'is' : 'are'} not installed on this machine. Install ${names.length === 1 ? 'it' : 'them'} with \`${how}\`, then grade again.`;
    return { ...base, status: 'needs-program', message, needs: preflight.missing, tasks: idle('needs-program', `needs ${names.join(' and ')}`) };
  }

  const run = input.run!;
  const suite = path.relative(ROOT, exercise.suitePath).split(path.sep).join('/');
  const events = run.events.filter((e) => e.file === exercise.suitePath);
  const output = consoleOutput(events);
  const withOutput = output ? { ...base, output } : base;
  const hangs = run.hung.filter((h) => h.file === exercise.suitePath);
  const unhandled = run.events.filter((e): e is UnhandledEvent => e.event === 'unhandled' && mentions(e, exercise.suitePath, input.learnerFile));
  const module = run.results.modules.find((m) => m.file === suite);
  const tests = run.results.tests.filter((t) => t.file === suite);
  const hint = (report: TaskReport[]): Pick<ExerciseReport, 'nextHint'> => {
    const focus = report.find((t) => t.status !== 'pass')?.title;
    const next = upcomingHint(exercise, { hintsShown: input.hintsShown }, focus);
    return next ? { nextHint: { ...next, of: exercise.meta.hints.length, command: command('hint', exercise.meta.id) } } : {};
  };

  if (hangs.length > 0 && run.abandoned.includes(exercise.suitePath)) {
    // The suite never completed: score it from what its worker recorded before the last hang.
    const report = scoreStoppedTasks(tasks, hangs, events);
    return { ...withOutput, status: 'timeout', message: hungMessage(hangs, true), points: sum(report), tasks: report, ...hint(report) };
  }

  const loadErrors = module?.errors ?? [];
  if (loadErrors.length > 0 || (tests.length === 0 && run.crashes.length > 0)) {
    const error = loadErrors[0];
    const message = error
      ? explainLoadError(error, { file: input.shownFile, source: input.learnerSource, syntaxErrors: input.typeErrors.filter((t) => t.kind === 'syntax') })
      : `The grader could not run this exercise: ${run.crashes[0]!.split('\n').slice(0, 8).join('\n')}`;
    return { ...withOutput, status: 'error', message, tasks: idle('error', 'the file could not be loaded') };
  }

  const explain = (error: ErrorRecord, inLearnerFile: boolean): string => explainFailure(error, inLearnerFile, input);
  const report = tasks.map((task): TaskReport => {
    const own = tests.filter((t) => t.task === task.title);
    const testReports = own.map((t) => testReport(t, explain, input.learnerFile));
    const durationMs = own.reduce((s, t) => s + t.durationMs, 0);
    const common = { title: task.title, possible: task.points, durationMs, tests: testReports };
    const hang = hangs.find((h) => h.test?.task === task.title);
    if (hang) return { ...common, status: 'timeout', points: 0, message: `"${hang.test!.name}" never finished` };
    const failed = testReports.find((t) => t.status === 'fail' || t.status === 'timeout');
    if (failed) return { ...common, status: 'fail', points: 0, message: failed.message ?? 'failed' };
    const skipped = testReports.find((t) => t.status === 'not-run');
    if (skipped || own.length === 0) return { ...common, status: 'not-run', points: 0, message: skipped?.message ?? 'no test of this task ran' };
    return { ...common, status: 'pass', points: task.points };
  });
  const unhandledErrors = countRepeats(unhandled.map((e) => `${explainMessage(e.message)}${e.test ? ` (during "${e.test}")` : ''}`));
  // An error that escaped a test still counts against the task whose test was running.
  for (const error of unhandled) {
    const task = report.find((t) => t.tests.some((test) => test.name === error.test));
    if (task && task.status === 'pass') Object.assign(task, { status: 'fail', points: 0, message: `your code left an error no one caught: ${explainMessage(error.message)}` });
  }
  const allPass = report.every((t) => t.status === 'pass') && unhandled.length === 0;
  const failures = tasks.flatMap((task) => tests.filter((t) => t.task === task.title && t.state === 'failed').map((t) => failureReport(task.title, t, explain, input.learnerFile)));
  const leftErrors = unhandled.length > 0 && report.every((t) => t.status === 'pass');
  const message = hangs.length > 0 ? hungMessage(hangs, false) : leftErrors ? 'Every task passes, but your code left errors that nothing caught (listed below). An exercise passes only without them: handle or return every promise you create.' : undefined;
  return {
    ...withOutput,
    ...(message ? { message } : {}),
    status: hangs.length > 0 ? 'timeout' : allPass ? 'pass' : 'fail',
    points: sum(report),
    failures,
    unhandledErrors,
    durationMs: report.reduce((s, t) => s + t.durationMs, 0),
    tasks: report,
    ...(allPass ? {} : hint(report)),
  };
}

function hungMessage(hangs: Hang[], gaveUp: boolean): string {
  const seconds = hangs[0]!.seconds;
  const named = hangs.filter((h) => h.test);
  const where =
    named.length === 0
      ? 'It was still loading your file, so look at code that runs at the top level of the file.'
      : named.length === 1
        ? `The test "${named[0]!.test!.name}" (task "${named[0]!.test!.task}") was running when the grader stopped it.`
        : `These tests were running when the grader stopped them: ${named.map((h) => `"${h.test!.name}" (task "${h.test!.task}")`).join(', ')}.`;
  const rest =
    named.length === 0
      ? ''
      : gaveUp
        ? ` After ${hangs.length} of them the grader stopped trying; the tasks it never reached are marked "not run".`
        : ' The grader then ran the other tasks without it, so they kept their points.';
  return `This exercise did not finish within ${seconds}s: an infinite loop? ${where}${rest} Look for a loop whose condition never changes, such as a while loop waiting for something only another callback could do.`;
}

/**
 * Tasks of a suite the grader gave up on, from what its worker recorded before the last hang:
 * tasks whose tests all ran and passed keep their points; the tasks of the stuck tests are
 * marked `timeout`, and the tasks no run reached `not-run`.
 */
function scoreStoppedTasks(tasks: Exercise['meta']['tasks'], hangs: Hang[], events: GradeEvent[]): TaskReport[] {
  const ended = events.filter((e): e is TestEnd => e.event === 'test-end' && e.state !== 'skipped');
  const last = hangs.at(-1)!;
  const stuckAt = last.test ? tasks.findIndex((t) => t.title === last.test!.task) : -1;
  return tasks.map((task, index): TaskReport => {
    const done = ended.filter((e) => e.task === task.title);
    const tests: TestReport[] = done.map((e) => ({
      name: e.name,
      status: e.state === 'passed' ? 'pass' : 'fail',
      durationMs: 0,
      ...(e.message ? { message: explainMessage(e.message) } : {}),
    }));
    const base = { title: task.title, possible: task.points, durationMs: 0, tests };
    const hang = hangs.find((h) => h.test?.task === task.title);
    if (hang) return { ...base, status: 'timeout', points: 0, message: `"${hang.test!.name}" never finished` };
    const ran = done.length > 0 && (stuckAt < 0 || index < stuckAt);
    if (!ran) return { ...base, status: 'not-run', points: 0, message: 'not run: the grader stopped the run before this task' };
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

function shortName(test: TestRecord): string {
  return test.task && test.name.startsWith(`${test.task} > `) ? test.name.slice(test.task.length + 3) : test.name;
}

function isTimeout(error: ErrorRecord): boolean {
  return /timed out in \d+ms/i.test(error.message);
}

function testReport(test: TestRecord, explain: (error: ErrorRecord, inLearnerFile: boolean) => string, learnerFile: string): TestReport {
  const error = test.errors[0];
  const status: TestStatus = test.state === 'passed' ? 'pass' : test.state === 'failed' ? (test.errors.some(isTimeout) ? 'timeout' : 'fail') : 'not-run';
  const message = error ? explain(error, inLearner(error, learnerFile)) : status === 'not-run' ? test.note : undefined;
  return { name: shortName(test), status, durationMs: test.durationMs, ...(message ? { message } : {}) };
}

function inLearner(error: ErrorRecord, learnerFile: string): boolean {
  return error.location?.startsWith(`${path.relative(ROOT, learnerFile).split(path.sep).join('/')}:`) ?? false;
}

function failureReport(task: string, failed: TestRecord, explain: (error: ErrorRecord, inLearnerFile: boolean) => string, learnerFile: string): FailureReport {
  const error: ErrorRecord = failed.errors[0] ?? { message: 'failed' };
  const inLearnerFile = inLearner(error, learnerFile);
  const message = explain(error, inLearnerFile);
  // When the real cause was a process.exit, the matcher's expected/got would only distract.
  const compare = message.startsWith('Your code called process.exit') ? { ...error, expected: undefined, actual: undefined, diff: undefined } : error;
  const interleaving = error.name === 'InterleavingError' || /\nReplay exactly this interleaving with:\n/.test(error.message);
  return {
    task,
    test: shortName(failed),
    message,
    ...(compare.expected !== undefined ? { expected: compare.expected } : {}),
    ...(compare.actual !== undefined ? { actual: compare.actual } : {}),
    ...(compare.diff !== undefined ? { diff: compare.diff.replace(/\u001b\[[0-9;]*m/g, '') } : {}),
    ...(error.location ? { location: error.location } : {}),
    inLearnerFile,
    ...(interleaving ? { interleaving: true as const } : {}),
  };
}

/** The message of a failure, explained; a process.exit caught inside a matcher, or a renamed export, is named too. */
function explainFailure(error: ErrorRecord, inLearnerFile: boolean, input: ScoreInput): string {
  const missing = missingExport(error.message, inLearnerFile);
  if (missing) return explainMissingExport(missing, input.learnerSource, input.expectedExports ?? []);
  const exit = [error.message, error.actual ?? '', error.diff ?? ''].map((t) => /process\.exit unexpectedly called with \\?"(.*?)\\?"/.exec(t)).find(Boolean);
  if (exit) return explainMessage(`process.exit unexpectedly called with "${exit[1]}"`);
  return explainMessage(error.message);
}

export function mentions(event: UnhandledEvent, suite: string, learnerFile: string): boolean {
  if (event.file) return event.file === suite;
  return (event.stack ?? '').includes(learnerFile);
}

function consoleOutput(events: GradeEvent[]): ExerciseReport['output'] | undefined {
  const logs = events.filter((e): e is Extract<GradeEvent, { event: 'log' }> => e.event === 'log');
  if (logs.length === 0) return undefined;
  const text = logs.map((e) => e.text).join('');
  const total = events.find((e): e is Extract<GradeEvent, { event: 'log-total' }> => e.event === 'log-total')?.bytes ?? Buffer.byteLength(text);
  return { bytes: total, text, truncated: total > Buffer.byteLength(text) };
}
