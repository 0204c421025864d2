import pc from 'picocolors';
import { hintText } from '../core/chapter-meta.ts';
import type { Exercise } from '../core/workbook.ts';
import { allExercises, command, oneExercise, UsageError, type WorkbookContext } from './context.ts';
import { ProgressStore } from './progress-store.ts';

/**
 * `npm run workbook -- hint <exercise>`: shows one more hint than last time (the ladder goes
 * from a nudge to nearly the answer), with the earlier ones above it for context. The level is
 * remembered in `.workbook/progress.json`.
 */
export async function hintCommand(context: WorkbookContext, args: string[]): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError(`Usage: ${command('hint', '<exercise>')}`);
  const exercise = oneExercise(await allExercises(context), args[0], 'hint');
  console.log(nextHint(exercise, new ProgressStore(context.stateDir)));
  return 0;
}

/** Advances the hint level of an exercise and returns the text to show. */
export function nextHint(exercise: Exercise, store: ProgressStore): string {
  const hints = exercise.meta.hints;
  const before = store.get(exercise.key).hintsSeen;
  const level = Math.min(before + 1, hints.length);
  store.update(exercise.key, (p) => ({ ...p, hintsSeen: level }));
  const lines = [pc.bold(`Hints for ${exercise.key} — ${exercise.meta.title}`), ''];
  hints.slice(0, level).forEach((hint, i) => {
    const title = `Hint ${i + 1} of ${hints.length}`;
    lines.push(i === level - 1 ? pc.cyan(pc.bold(title)) : pc.dim(title), i === level - 1 ? hintText(hint) : pc.dim(hintText(hint)), '');
  });
  if (level < hints.length) lines.push(`Run ${command('hint', exercise.meta.id)} again for hint ${level + 1}.`);
  else if (before >= hints.length) lines.push(`That was the last hint. Still stuck? The reference solution: ${command('solution', exercise.meta.id, '--force')}`);
  else lines.push(`That is the last hint. Grade again with ${command('grade', exercise.key)}.`);
  return lines.join('\n');
}
