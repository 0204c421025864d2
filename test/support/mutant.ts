/**
 * Known-bad implementations written as small edits of a correct file, so each file shows the
 * mistake itself (a one-line diff) instead of a copy of 200 lines, and follows the reference as
 * it evolves. A known-bad file is only its `Bug:` comment and its edits:
 *
 * @example
 * // test/06-message-queues/bad/ack-queue/dead-letter-off-by-one.ts
 * /** Bug: dead-letters only after maxAttempts + 1 deliveries. *\/
 * import { edits } from '../../../support/mutant.ts';
 *
 * export default edits([
 *   ['if (record.attempts >= this.#maxAttempts)', 'if (record.attempts > this.#maxAttempts)'],
 * ]);
 *
 * The `@workbook/` alias (core/workbook-target.ts) reads the file without running it, applies the
 * edits to the exercise's reference solution (or to `base`, a compact correct version that several
 * known-bad files share) and serves the result in place of the exercise. Each `find` must occur
 * exactly once in the text as edited so far; when the reference changes so that it no longer does,
 * loading fails and names the edit, so a known-bad file can never silently become correct.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../core/files.ts';
import { applyEdits, type Edit, type MutantSpec } from '../../core/mutant.ts';
import { ROOT } from '../../core/root.ts';

export type { Edit };

/** The spec of a known-bad implementation; `options.base` is relative to the repository root. */
export function edits(list: readonly Edit[], options: { base?: string } = {}): MutantSpec {
  return { edits: list, ...options };
}

/**
 * The older form of a known-bad file, which loads the edited module itself:
 * `export const { AckQueue } = await mutant<Module>('06-message-queues/ack-queue', [...edits])`.
 * Prefer {@link edits}.
 */
export async function mutant<M>(exercise: string, list: readonly Edit[], options: { base?: string } = {}): Promise<M> {
  const source = options.base ?? `solutions/${exercise}.ts`;
  const solution = path.join(ROOT, source);
  let text = applyEdits(readFileSync(solution, 'utf8'), list, `mutant of ${exercise} (editing ${source})`);
  const folder = path.dirname(solution);
  text = text.replace(/(from\s+['"])(\.\.?\/[^'"]+)(['"])/g, (_all, open: string, spec: string, close: string) => `${open}${path.join(folder, spec)}${close}`);
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const file = path.join(ROOT, '.workbook', 'mutants', `${exercise.replace('/', '--')}-${digest}.ts`);
  if (!existsSync(file)) writeFileAtomic(file, text);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as M;
}
