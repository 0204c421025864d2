import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { backupFile, writeFileAtomic } from '../core/files.ts';
import { generateStub, isPristineStub } from '../core/stub-generator.ts';
import { type Exercise, rel } from '../core/workbook.ts';
import { parseCommand } from '../core/run-main.ts';
import { allExercises, command, oneExercise, shown, type WorkbookContext } from './context.ts';

export interface ResetResult {
  /** `written`: the stub is back; `unchanged`: the file already was the pristine stub. */
  status: 'written' | 'unchanged';
  /** Where the learner's previous file was copied, when there was one to keep. */
  backup?: string;
}

/**
 * Puts the pristine stub back in place of the learner's file. The learner's file is first copied
 * to `.workbook/backups/<timestamp>/chapters/…`, so nothing is ever lost.
 *
 * @example
 * resetExercise(context, exercise); // { status: 'written', backup: '/…/.workbook/backups/2026-…/chapters/00-getting-started/envelope.ts' }
 */
export function resetExercise(context: WorkbookContext, exercise: Exercise): ResetResult {
  const file = context.learnerFile(exercise);
  const stub = generateStub(readFileSync(exercise.solutionPath, 'utf8'), { solutionPath: rel(exercise.solutionPath, context.root), exerciseId: exercise.key });
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === stub) return { status: 'unchanged' };
  let backup: string | undefined;
  if (current !== undefined && !isPristineStub(current)) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    backup = backupFile(file, stamp, path.dirname(context.targetDir));
  }
  writeFileAtomic(file, stub);
  return backup ? { status: 'written', backup } : { status: 'written' };
}

/** `npm run workbook -- reset <exercise>`. */
export async function resetCommand(context: WorkbookContext, args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { usage: command('reset', '<exercise>'), positionals: { min: 1, max: 1, missing: 'Which exercise?' } });
  const exercise = oneExercise(await allExercises(context), positionals[0], 'reset');
  const file = shown(context, context.learnerFile(exercise));
  const result = resetExercise(context, exercise);
  if (result.status === 'unchanged') console.log(`${file} is already the untouched stub; nothing to reset.`);
  else if (result.backup) console.log(`${file} is the fresh stub again. Your version is saved at ${shown(context, result.backup)}`);
  else console.log(`${file} is the fresh stub again (there were no changes of yours to keep).`);
  return 0;
}
