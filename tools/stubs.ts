/**
 * `npm run stubs [-- <filter>] [--check] [--force]`: writes each exercise's stub in chapters/
 * from its reference solution.
 * - An untouched or missing stub is (re)written.
 * - A stub the learner has edited is left alone unless `--force`, which first copies it to
 *   `.workbook/backups/<timestamp>/`.
 * - `--check` writes nothing and exits 1 when any committed stub differs from what the
 *   generator makes (the self-check runs this).
 */
import { existsSync, readFileSync } from 'node:fs';
import { backupFile, writeFileAtomic } from '../core/files.ts';
import { parseCommand, runMain, UsageError } from '../core/run-main.ts';
import { generateStub, isPristineStub } from '../core/stub-generator.ts';
import { type Exercise, loadExercises, rel, selectExercises } from '../core/workbook.ts';

export type StubStatus = 'up-to-date' | 'written' | 'stale' | 'edited' | 'overwritten';

export interface StubResult {
  exercise: Exercise;
  status: StubStatus;
  backup?: string;
}

/** Generates (or, with `check`, only compares) the stubs of the given exercises. */
export function syncStubs(exercises: Exercise[], options: { check?: boolean; force?: boolean } = {}): StubResult[] {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return exercises.map((exercise): StubResult => {
    const source = readFileSync(exercise.solutionPath, 'utf8');
    const stub = generateStub(source, { solutionPath: rel(exercise.solutionPath), exerciseId: exercise.key });
    const current = existsSync(exercise.stubPath) ? readFileSync(exercise.stubPath, 'utf8') : undefined;
    if (current === stub) return { exercise, status: 'up-to-date' };
    if (options.check) return { exercise, status: current !== undefined && !isPristineStub(current) ? 'edited' : 'stale' };
    if (current !== undefined && !isPristineStub(current)) {
      if (!options.force) return { exercise, status: 'edited' };
      const backup = backupFile(exercise.stubPath, stamp);
      writeFileAtomic(exercise.stubPath, stub);
      return { exercise, status: 'overwritten', backup };
    }
    writeFileAtomic(exercise.stubPath, stub);
    return { exercise, status: 'written' };
  });
}

export const STUBS_USAGE = 'npm run stubs [-- <chapter>[/<exercise>]] [--check] [--force]';

async function main(argv: string[]): Promise<number> {
  const { options, positionals, help } = parseCommand(argv, { usage: STUBS_USAGE, options: { check: 'flag', force: 'flag' }, positionals: { max: 1 } });
  if (help) {
    console.log(`Usage: ${STUBS_USAGE}`);
    return 0;
  }
  const exercises = selectExercises(await loadExercises(), positionals[0]);
  if (exercises.length === 0) throw new UsageError(`No exercise matches "${positionals[0]}". Try a chapter such as 06-message-queues.`, STUBS_USAGE);
  const check = options.check === true;
  const results = syncStubs(exercises, { check, force: options.force === true });
  let problems = 0;
  for (const { exercise, status, backup } of results) {
    const file = rel(exercise.stubPath);
    if (status === 'written') console.log(`wrote     ${file}`);
    if (status === 'overwritten') console.log(`rewrote   ${file} (your version is saved at ${rel(backup!)})`);
    if (status === 'stale') {
      problems++;
      console.error(`stale     ${file}: differs from what ${rel(exercise.solutionPath)} generates; run npm run stubs`);
    }
    if (status === 'edited') {
      problems++;
      console.error(
        check
          ? `edited    ${file}: holds a learner's changes, so it cannot be checked; check a clean clone`
          : `kept      ${file}: it holds your changes; add --force to replace it (a backup is kept)`,
      );
    }
  }
  const fresh = results.filter((r) => r.status === 'up-to-date').length;
  console.log(`${results.length} stub(s): ${fresh} up to date${problems ? `, ${problems} need attention` : ''}.`);
  return problems > 0 ? 1 : 0;
}

runMain(import.meta.url, main);
