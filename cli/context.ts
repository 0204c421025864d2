import path from 'node:path';
import { ROOT } from '../core/root.ts';
import { UsageError } from '../core/run-main.ts';
import { targetDir } from '../core/workbook-target.ts';
import { type Exercise, loadExercises, selectExercises } from '../core/workbook.ts';

/**
 * Where the learner's loop reads and writes. By default: the exercises declared in `chapters/`,
 * the learner's files in `chapters/`, and the learner's state (progress, hint levels, backups)
 * in `.workbook/`. Two environment variables move them, which is how the CLI's own tests point
 * it at a scratch copy without touching a learner's work:
 *
 * - `WORKBOOK_ROOT`: the workbook whose `chapters/<chapter>/chapter.ts` and suites are used.
 * - `WORKBOOK_TARGET`: the directory laid out like `chapters/` that holds the code to grade
 *   (the same variable the graded suites' `@workbook/…` alias reads). The state directory is
 *   the `.workbook/` folder beside it.
 *
 * @example
 * const context = workbookContext();
 * context.learnerFile(exercise); // /…/chapters/00-getting-started/envelope.ts
 */
export interface WorkbookContext {
  /** The workbook whose metadata and suites are used. */
  root: string;
  /** The directory holding the learner's files, laid out like `chapters/`. */
  targetDir: string;
  /** `.workbook/` beside the target directory: progress, hint levels, backups. */
  stateDir: string;
  /** The file the learner edits for an exercise. */
  learnerFile(exercise: Exercise): string;
}

export function workbookContext(env: NodeJS.ProcessEnv = process.env): WorkbookContext {
  const root = env.WORKBOOK_ROOT ? path.resolve(env.WORKBOOK_ROOT) : ROOT;
  const dir = env.WORKBOOK_TARGET ? targetDir(env.WORKBOOK_TARGET) : path.join(root, 'chapters');
  return {
    root,
    targetDir: dir,
    stateDir: path.join(path.dirname(dir), '.workbook'),
    learnerFile: (exercise) => path.join(dir, exercise.chapter.slug, `${exercise.meta.id}.ts`),
  };
}

/** A path for messages: relative to the learner's folder parent (so `chapters/…`), with `/`. */
export function shown(context: WorkbookContext, file: string): string {
  const base = path.dirname(context.targetDir);
  const relative = path.relative(base, file);
  const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
  return (inside ? relative : path.relative(context.root, file)).split(path.sep).join('/');
}

/** The command line a learner types, in the npm form the pages use. */
export function command(verb: string, ...args: string[]): string {
  if (verb === 'grade' || verb === 'watch') return ['npm run', verb, ...(args.length ? ['--', ...args] : [])].join(' ');
  return ['npm run workbook --', verb, ...args].join(' ');
}

/** Every exercise of the workbook, in order. */
export async function allExercises(context: WorkbookContext): Promise<Exercise[]> {
  return loadExercises(context.root);
}

/**
 * Finds exactly one exercise from what the learner typed: `envelope`,
 * `00-getting-started/envelope`, or a path such as `chapters/00-getting-started/envelope.ts`.
 *
 * @throws {UsageError} when nothing or more than one exercise matches.
 */
export function oneExercise(all: Exercise[], name: string | undefined, verb: string): Exercise {
  if (!name) throw new UsageError(`Which exercise? For example: ${command(verb, all[0]?.meta.id ?? 'envelope')}`);
  const matches = selectExercises(all, name);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new UsageError(`"${name}" matches ${matches.length} exercises; name one: ${matches.map((e) => e.key).join(', ')}`);
  }
  const close = all.filter((e) => e.key.includes(name) || name.includes(e.meta.id)).map((e) => e.key);
  throw new UsageError(
    `No exercise is called "${name}".${close.length ? ` Did you mean ${close.join(' or ')}?` : ''} ${command('list')} shows them all.`,
  );
}
