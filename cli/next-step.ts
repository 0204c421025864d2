import type { Exercise } from '../core/workbook.ts';
import { command } from './context.ts';
import { passes, type ProgressStore } from './progress-store.ts';
import type { GradeReport } from './report.ts';

/** The first exercise, in workbook order, that does not pass now (undefined when all do). */
export function nextExercise(all: Exercise[], store: ProgressStore): Exercise | undefined {
  const progress = store.all();
  return all.find((e) => !passes(progress[e.key]));
}

/** The closing line of a scorecard: what to do now. */
export function nextStep(report: GradeReport, all: Exercise[], store: ProgressStore): string {
  const broken = report.exercises.find((e) => e.status !== 'pass' && e.status !== 'not-started' && e.status !== 'needs-program');
  if (broken) {
    const what = broken.status === 'missing' ? 'restore the missing file' : broken.status === 'fail' ? 'fix the first failure' : 'fix what stopped it';
    return `Next: ${what} in ${broken.key}, then run ${command('grade', broken.key)} again (or ${command('watch')} to re-grade on every save).`;
  }
  const notStarted = report.exercises.find((e) => e.status === 'not-started');
  if (notStarted) return `Next: start ${notStarted.key}: open ${notStarted.file}, read its contract, and run ${command('grade', notStarted.key)}.`;
  const needs = report.exercises.find((e) => e.status === 'needs-program');
  if (needs) return `Next: install what ${needs.key} needs (${needs.needs!.map((n) => `\`${n.install}\``).join(', ')}), then run ${command('grade', needs.key)}.`;
  const next = nextExercise(all, store);
  const one = report.exercises.length === 1 ? report.exercises[0]! : undefined;
  const compare = one ? ` Compare with the reference: ${command('solution', one.key.split('/')[1]!)}.` : '';
  if (!next) return `Everything passes: the whole workbook is done.${compare}`;
  return `All graded exercises pass.${compare} Next exercise: ${next.key} (${command('grade', next.key)}).`;
}
