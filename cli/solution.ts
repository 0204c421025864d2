import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import { rel } from '../core/workbook.ts';
import { parseCommand } from '../core/run-main.ts';
import { allExercises, command, oneExercise, type WorkbookContext } from './context.ts';
import { ProgressStore } from './progress-store.ts';

/**
 * `npm run workbook -- solution <exercise> [--force]`: prints the reference solution once the
 * exercise has passed a grade (as rustlings and workshopper do), so that reading it is a
 * comparison, not a spoiler. `--force` shows it anyway, after saying what that costs.
 */
export async function solutionCommand(context: WorkbookContext, args: string[]): Promise<number> {
  const { options, positionals } = parseCommand(args, {
    usage: command('solution', '<exercise>', '[--force]'),
    options: { force: 'flag' },
    positionals: { min: 1, max: 1, missing: 'Which exercise?' },
  });
  const force = options.force === true;
  const exercise = oneExercise(await allExercises(context), positionals[0], 'solution');
  const progress = new ProgressStore(context.stateDir).get(exercise.key);
  if (!progress.passedAt && !force) {
    console.log(
      [
        `The reference solution of ${exercise.key} unlocks once your version passes: ${command('grade', exercise.key)}.`,
        progress.hintsShown.length < exercise.meta.hints.length ? `A hint first? ${command('hint', exercise.meta.id)}` : '',
        `To read it now anyway: ${command('solution', exercise.meta.id, '--force')}`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return 1;
  }
  if (!progress.passedAt) {
    console.log(pc.yellow(`Your version has not passed yet. Reading the answer now skips the part of the exercise that teaches the most; once you close it, try writing it again from memory.\n`));
  }
  console.log(pc.bold(`Reference solution: ${rel(exercise.solutionPath, context.root)}`));
  console.log('');
  console.log(readFileSync(exercise.solutionPath, 'utf8').trimEnd());
  return 0;
}
