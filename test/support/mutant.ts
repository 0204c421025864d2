import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../core/files.ts';
import { ROOT } from '../../core/root.ts';

/** One edit of a mutant: replace the only occurrence of `find` with `replace`. */
export type Edit = readonly [find: string, replace: string];

export interface MutantOptions {
  /**
   * The file to edit, relative to the repository root, when it is not the reference solution:
   * a compact correct implementation that several known-bad ones share.
   */
  base?: string;
}

/**
 * Loads a known-bad implementation written as a small edit of the reference solution, so the
 * file shows the mistake itself (a one-line diff) instead of a copy of 200 lines.
 *
 * Each `find` must occur exactly once in the solution; if the solution changes so that it no
 * longer does, loading fails and names the edit, so a mutant can never silently become correct.
 * The edited source is written to `.workbook/mutants/` (git-ignored) and imported from there;
 * relative imports are rewritten to point back at the solution's folder.
 *
 * @example
 * type Module = typeof import('../../../../solutions/06-message-queues/ack-queue.ts');
 * export const { AckQueue } = await mutant<Module>('06-message-queues/ack-queue', [
 *   ['if (record.attempts >= this.#maxAttempts)', 'if (record.attempts > this.#maxAttempts)'],
 * ]);
 */
export async function mutant<M>(exercise: string, edits: readonly Edit[], options: MutantOptions = {}): Promise<M> {
  const source = options.base ?? `solutions/${exercise}.ts`;
  const solution = path.join(ROOT, source);
  let text = readFileSync(solution, 'utf8');
  for (const [find, replace] of edits) {
    const count = text.split(find).length - 1;
    if (count !== 1) {
      throw new Error(`mutant of ${exercise}: expected exactly one occurrence of ${JSON.stringify(find)} in ${source}, found ${count}`);
    }
    text = text.replace(find, () => replace);
  }
  const folder = path.dirname(solution);
  text = text.replace(/(from\s+['"])(\.\.?\/[^'"]+)(['"])/g, (_all, open: string, spec: string, close: string) => `${open}${path.join(folder, spec)}${close}`);
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const file = path.join(ROOT, '.workbook', 'mutants', `${exercise.replace('/', '--')}-${digest}.ts`);
  if (!existsSync(file)) writeFileAtomic(file, text);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as M;
}
