import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Requirement } from '../core/chapter-meta.ts';
import { findProgram } from '../core/programs.ts';
import { isPristineStub } from '../core/stub-generator.ts';
import { type Exercise, MANIFEST } from '../core/workbook.ts';
import { shown, type WorkbookContext } from './context.ts';
import { exportedNames, explainMessage } from './explain.ts';
import type { GradeEvent } from './grader/events-reporter.ts';
import type { ProgressStore } from './progress-store.ts';
import { type ExerciseReport, type GradeReport, REPORT_VERSION } from './report.ts';
import { runSuites, type SuiteRun } from './run-suites.ts';
import { mentions, type Preflight, scoreExercise } from './score.ts';
import { typeErrors } from './type-errors.ts';
import type { WarmRunner } from './warm-runner.ts';

export interface GradeOptions {
  /** Seconds a run may go without any progress before the watchdog stops it. */
  idleSeconds: number;
  /** Called with each event of the vitest run as it happens (to show progress). */
  onEvent?: (event: GradeEvent) => void;
  env?: NodeJS.ProcessEnv;
  /** A vitest process kept warm between grades (watch), for the learner's folder. */
  runner?: WarmRunner;
}

/** The default watchdog: far above any graded test (each has a 5 s timeout), far below "hung". */
export const DEFAULT_IDLE_SECONDS = 15;

/**
 * Grades exercises against the learner's files and records the outcome in the progress store.
 * Untouched stubs, missing files and exercises whose suite needs a program this machine lacks
 * are reported without running anything; everything else runs in one guarded vitest process
 * (see {@link runSuites}) while the learner's files are type-checked.
 *
 * @example
 * const report = await gradeExercises(context, [exercise], store, { idleSeconds: 15 });
 * report.status; // 'pass' | 'fail' | 'error'
 */
export async function gradeExercises(context: WorkbookContext, exercises: Exercise[], store: ProgressStore, options: GradeOptions): Promise<GradeReport> {
  const started = Date.now();
  const env = options.env ?? process.env;
  const preflights = new Map(exercises.map((e) => [e.key, preflight(context, e, env)]));
  const toRun = exercises.filter((e) => preflights.get(e.key)!.kind === 'run');
  const running: Promise<SuiteRun> | undefined = toRun.length
    ? runSuites(
        toRun.map((e) => e.suitePath),
        {
          idleSeconds: options.idleSeconds,
          scratchDir: path.join(context.stateDir, 'tmp'),
          // The suites' `@workbook/…` imports resolve to the learner's folder, and nothing else.
          env: { WORKBOOK_TARGET: context.targetDir, WORKBOOK_OVERRIDES: '' },
          ...(options.onEvent ? { onEvent: options.onEvent } : {}),
          ...(options.runner ? { runner: options.runner, changed: changedFiles(context, toRun) } : {}),
        },
      )
    : undefined;
  // Type-check while vitest runs in its own process: the two overlap.
  const types = typeErrors(toRun.map((e) => context.learnerFile(e)));
  const run = await running;
  const reports: ExerciseReport[] = exercises.map((exercise) => {
    const learnerFile = context.learnerFile(exercise);
    const kind = preflights.get(exercise.key)!.kind;
    const learnerSource = kind === 'run' ? readFileSync(learnerFile, 'utf8') : undefined;
    const report = scoreExercise({
      exercise,
      learnerFile,
      shownFile: shown(context, learnerFile),
      ...(learnerSource !== undefined ? { learnerSource, expectedExports: exportedNames(readFileSync(exercise.solutionPath, 'utf8')) } : {}),
      preflight: preflights.get(exercise.key)!,
      ...(run ? { run } : {}),
      typeErrors: types.filter((t) => t.file === learnerFile),
      hintsShown: store.get(exercise.key).hintsShown,
    });
    record(store, report);
    return report;
  });
  const stray = (run?.events ?? []).filter(
    (e): e is Extract<GradeEvent, { event: 'unhandled' }> =>
      e.event === 'unhandled' && !toRun.some((x) => mentions(e, x.suitePath, context.learnerFile(x))),
  );
  const points = reports.reduce((s, r) => s + r.points, 0);
  const possible = reports.reduce((s, r) => s + r.possible, 0);
  const status = reports.every((r) => r.status === 'pass') && stray.length === 0
    ? 'pass'
    : reports.some((r) => r.status === 'error' || r.status === 'timeout' || r.status === 'missing' || r.status === 'needs-program')
      ? 'error'
      : 'fail';
  return {
    version: REPORT_VERSION,
    status,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    points,
    possible,
    percent: possible ? Math.round((points / possible) * 100) : 0,
    unhandledErrors: stray.map((e) => explainMessage(e.message)),
    exercises: reports,
  };
}

/** What a warm runner must read afresh: the suites, and every file of the chapters being graded (one may import another). */
function changedFiles(context: WorkbookContext, exercises: Exercise[]): string[] {
  const dirs = [...new Set(exercises.map((e) => path.dirname(context.learnerFile(e))))];
  const chapterFiles = dirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.ts')).map((name) => path.join(dir, name)) : []));
  return [...exercises.map((e) => e.suitePath), ...chapterFiles];
}

function preflight(context: WorkbookContext, exercise: Exercise, env: NodeJS.ProcessEnv): Preflight {
  const file = context.learnerFile(exercise);
  if (!existsSync(file)) {
    const dir = path.dirname(file);
    const known = new Set(exercise.chapter.exercises.map((e) => `${e.id}.ts`));
    const strays = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.ts') && name !== MANIFEST && !known.has(name)) : [];
    return { kind: 'missing', renamedTo: strays.map((name) => shown(context, path.join(dir, name))) };
  }
  if (isPristineStub(readFileSync(file, 'utf8'))) return { kind: 'not-started' };
  const missing = (exercise.meta.requires ?? []).filter((r) => !findProgram(r.command, env));
  if (missing.length > 0) return { kind: 'needs-program', missing: missing.map((r: Requirement) => ({ command: r.command, install: r.install })) };
  return { kind: 'run' };
}

function record(store: ProgressStore, report: ExerciseReport): void {
  const now = new Date().toISOString();
  const failingTask = report.tasks.find((t) => t.status !== 'pass')?.title;
  store.update(report.key, (current) => {
    const { failingTask: _previous, ...rest } = current;
    return {
      ...rest,
      status: report.status,
      points: report.points,
      possible: report.possible,
      lastGradedAt: now,
      ...(failingTask ? { failingTask } : {}),
      ...(report.status === 'pass' && !current.passedAt ? { passedAt: now } : {}),
    };
  });
}
