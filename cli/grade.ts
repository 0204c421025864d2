import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isPristineStub } from '../core/stub-generator.ts';
import { type Exercise, MANIFEST } from '../core/workbook.ts';
import { shown, type WorkbookContext } from './context.ts';
import type { ProgressStore } from './progress-store.ts';
import type { ExerciseReport, GradeReport } from './report.ts';
import { runSuites, type SuiteRun } from './run-suites.ts';
import { explainMessage } from './explain.ts';
import { mentions, type Preflight, scoreExercise } from './score.ts';
import { typeErrors } from './type-errors.ts';

export interface GradeOptions {
  /** Seconds a run may go without any progress before the watchdog stops it. */
  idleSeconds: number;
}

/** The default watchdog: far above any graded test (each has a 5 s timeout), far below "hung". */
export const DEFAULT_IDLE_SECONDS = 15;

/**
 * Grades exercises against the learner's files and records the outcome in the progress store.
 * Untouched stubs and missing files are reported without running anything; everything else runs
 * in one guarded vitest process (see {@link runSuites}) while the learner's files are type-checked.
 *
 * @example
 * const report = await gradeExercises(context, [exercise], store, { idleSeconds: 15 });
 * report.status; // 'pass' | 'fail' | 'error'
 */
export async function gradeExercises(context: WorkbookContext, exercises: Exercise[], store: ProgressStore, options: GradeOptions): Promise<GradeReport> {
  const started = Date.now();
  const preflights = new Map(exercises.map((e) => [e.key, preflight(context, e)]));
  const toRun = exercises.filter((e) => preflights.get(e.key)!.kind === 'run');
  const scratchDir = path.join(context.stateDir, 'tmp');
  mkdirSync(scratchDir, { recursive: true });
  const running: Promise<SuiteRun> | undefined = toRun.length
    ? runSuites(toRun.map((e) => e.suitePath), {
        idleSeconds: options.idleSeconds,
        scratchDir,
        // The suites' `@workbook/…` imports resolve to the learner's folder, and nothing else.
        env: { WORKBOOK_TARGET: context.targetDir, WORKBOOK_OVERRIDES: '' },
      })
    : undefined;
  // Type-check while vitest runs in its own process: the two overlap.
  const types = typeErrors(toRun.map((e) => context.learnerFile(e)));
  const run = await running;
  const reports: ExerciseReport[] = exercises.map((exercise) => {
    const learnerFile = context.learnerFile(exercise);
    const report = scoreExercise({
      exercise,
      learnerFile,
      shownFile: shown(context, learnerFile),
      preflight: preflights.get(exercise.key)!,
      ...(run ? { run } : {}),
      typeErrors: types.filter((t) => t.file === learnerFile),
      hintsSeen: store.get(exercise.key).hintsSeen,
    });
    record(store, report);
    return report;
  });
  const stray = (run?.events ?? []).filter(
    (e): e is Extract<typeof e, { event: 'unhandled' }> =>
      e.event === 'unhandled' && !toRun.some((x) => mentions(e, x.suitePath, context.learnerFile(x))),
  );
  const points = reports.reduce((s, r) => s + r.points, 0);
  const possible = reports.reduce((s, r) => s + r.possible, 0);
  const status = reports.every((r) => r.status === 'passed') && stray.length === 0
    ? 'pass'
    : reports.some((r) => r.status === 'error' || r.status === 'timeout' || r.status === 'missing')
      ? 'error'
      : 'fail';
  return {
    version: 1,
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

function preflight(context: WorkbookContext, exercise: Exercise): Preflight {
  const file = context.learnerFile(exercise);
  if (!existsSync(file)) {
    const dir = path.dirname(file);
    const known = new Set(exercise.chapter.exercises.map((e) => `${e.id}.ts`));
    const strays = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.ts') && name !== MANIFEST && !known.has(name)) : [];
    return { kind: 'missing', renamedTo: strays.map((name) => shown(context, path.join(dir, name))) };
  }
  return isPristineStub(readFileSync(file, 'utf8')) ? { kind: 'not-started' } : { kind: 'run' };
}

function record(store: ProgressStore, report: ExerciseReport): void {
  const now = new Date().toISOString();
  store.update(report.key, (current) => ({
    ...current,
    status: report.status,
    points: report.points,
    possible: report.possible,
    lastGradedAt: now,
    ...(report.status === 'passed' && !current.passedAt ? { passedAt: now } : {}),
  }));
}
