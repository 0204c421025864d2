import pc from 'picocolors';
import { type HintMeta, hintTask, hintText } from '../core/chapter-meta.ts';
import { parseCommand } from '../core/run-main.ts';
import type { Exercise } from '../core/workbook.ts';
import { allExercises, command, oneExercise, type WorkbookContext } from './context.ts';
import { type ExerciseProgress, ProgressStore } from './progress-store.ts';

export const HINT_USAGE = command('hint', '<exercise>');

/**
 * `npm run workbook -- hint <exercise>`: shows the next hint for the first task that failed in
 * the last grade (the ladder goes from a nudge to nearly the answer), with the hints already read
 * about the same part above it. What was read is remembered in `.workbook/progress.json`.
 */
export async function hintCommand(context: WorkbookContext, args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { usage: HINT_USAGE, positionals: { min: 1, max: 1, missing: 'Which exercise?' } });
  const exercise = oneExercise(await allExercises(context), positionals[0], 'hint');
  console.log(
    showNextHint(exercise, new ProgressStore(context.stateDir), {
      again: `Run ${command('hint', exercise.meta.id)} again for the next one.`,
      regrade: `Grade again with ${command('grade', exercise.key)}.`,
    }),
  );
  return 0;
}

/**
 * The index of the hint to show next: the first unread hint, in ladder order, that is about the
 * whole exercise or about `focusTask` (the first task that fails); once those are read, the first
 * unread hint of all. `undefined` when every hint has been read.
 *
 * @example
 * nextHintIndex(['general', { task: 'close', text: '…' }, { task: 'send', text: '…' }], [0], 'send'); // 2
 */
export function nextHintIndex(hints: readonly HintMeta[], shown: readonly number[], focusTask: string | undefined): number | undefined {
  const unread = hints.map((_, i) => i).filter((i) => !shown.includes(i));
  const relevant = unread.find((i) => {
    const task = hintTask(hints[i]!);
    return task === undefined || task === focusTask;
  });
  return relevant ?? unread[0];
}

/** The hint a scorecard points to next: its place in the ladder and the task it is about. */
export function upcomingHint(exercise: Exercise, progress: Pick<ExerciseProgress, 'hintsShown'>, focusTask: string | undefined): { level: number; task?: string } | undefined {
  const index = nextHintIndex(exercise.meta.hints, progress.hintsShown, focusTask);
  if (index === undefined) return undefined;
  const task = hintTask(exercise.meta.hints[index]!);
  return task ? { level: index + 1, task } : { level: index + 1 };
}

export interface HintWording {
  /** How to ask for one more hint, said where the learner is (`Press h for the next one.`). */
  again: string;
  /** What to do once the last hint is read. */
  regrade: string;
}

/**
 * Marks the next hint as read and returns the text to show: the hints already read about the
 * same part (dimmed), the new one, and what to do next.
 */
export function showNextHint(exercise: Exercise, store: ProgressStore, wording: HintWording): string {
  const hints = exercise.meta.hints;
  const before = store.get(exercise.key);
  const index = nextHintIndex(hints, before.hintsShown, before.failingTask);
  const shown = index === undefined ? before.hintsShown : [...before.hintsShown, index];
  if (index !== undefined) store.update(exercise.key, (p) => ({ ...p, hintsShown: shown }));
  const lines = [pc.bold(`Hints for ${exercise.key} — ${exercise.meta.title}`), ''];
  const title = (i: number): string => {
    const task = hintTask(hints[i]!);
    return `Hint ${i + 1} of ${hints.length}${task ? ` · for the task "${task}"` : ''}`;
  };
  if (index === undefined) {
    // Everything was read: show the ladder once more, in order.
    for (const i of hints.map((_, i) => i)) lines.push(pc.dim(title(i)), hintText(hints[i]!), '');
    lines.push(`That was the last hint. Still stuck? The reference solution: ${command('solution', exercise.meta.id, '--force')}`);
    return lines.join('\n');
  }
  const focus = hintTask(hints[index]!);
  const context = before.hintsShown.filter((i) => {
    const task = hintTask(hints[i]!);
    return task === undefined || task === focus;
  });
  for (const i of [...context].sort((a, b) => a - b)) lines.push(pc.dim(title(i)), pc.dim(hintText(hints[i]!)), '');
  lines.push(pc.cyan(pc.bold(title(index))), hintText(hints[index]!), '');
  const left = hints.length - shown.length;
  lines.push(left > 0 ? `${wording.again} (${left} more)` : `That is the last hint. ${wording.regrade}`);
  return lines.join('\n');
}
