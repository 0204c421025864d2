import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { ROOT } from './root.ts';

/** The import prefix graded suites use for the code under test: `@workbook/<chapter>/<exercise>`. */
export const WORKBOOK_PREFIX = '@workbook/';

/**
 * The exercise an import names, for `@workbook/<chapter>/<exercise>` (with or without `.ts`/`.js`),
 * and the known-bad file it asks for with `?known-bad=<file>` (the self-check's batched copies of
 * a suite); `undefined` for any other import.
 */
export function workbookImport(specifier: string): { id: string; knownBad: string | null } | undefined {
  if (!specifier.startsWith(WORKBOOK_PREFIX)) return undefined;
  const [bare = '', query] = specifier.slice(WORKBOOK_PREFIX.length).split('?', 2);
  return { id: bare.replace(/\.(js|ts)$/, ''), knownBad: new URLSearchParams(query).get('known-bad') };
}

/**
 * Where `@workbook/…` imports point.
 * - `target`: `chapters` (the learner's files, the default), `solutions` (the reference),
 *   or a directory laid out like them (the self-check's pristine stubs).
 * - `overrides`: `<chapter>/<exercise>` → a file that replaces that one module (a known-bad
 *   implementation), leaving every other module on `target`.
 */
export interface TargetOptions {
  target?: string;
  overrides?: Record<string, string>;
}

/** Reads the target from `WORKBOOK_TARGET` and overrides from `WORKBOOK_OVERRIDES` (JSON). */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): TargetOptions {
  const overrides = env.WORKBOOK_OVERRIDES ? (JSON.parse(env.WORKBOOK_OVERRIDES) as Record<string, string>) : {};
  return { target: env.WORKBOOK_TARGET || 'chapters', overrides };
}

/** The absolute directory a target name stands for. */
export function targetDir(target: string): string {
  if (target === 'chapters' || target === 'solutions') return path.join(ROOT, target);
  return path.resolve(ROOT, target);
}

/**
 * A Vite plugin that resolves `@workbook/<chapter>/<exercise>` to the implementation being graded.
 * The suite is identical for every target: only this mapping changes.
 */
export function workbookTarget(options: TargetOptions = targetFromEnv()): Plugin {
  const dir = targetDir(options.target ?? 'chapters');
  const overrides = options.overrides ?? {};
  return {
    name: 'workbook-target',
    enforce: 'pre',
    // The suites see this plugin's choice as WORKBOOK_SUITE_TARGET, so that a child process they
    // start can run the same code, even when one vitest run grades several targets at once.
    config: () => ({ test: { env: { WORKBOOK_SUITE_TARGET: JSON.stringify({ target: options.target ?? 'chapters', overrides }) } } }),
    async resolveId(source) {
      const named = workbookImport(source);
      if (!named) return null;
      const { id } = named;
      // `?known-bad=<file>` overrides this one import.
      const override = named.knownBad ?? overrides[id];
      if (!override) {
        // A missing file still resolves here, so the failure names the path the learner should create.
        return path.join(dir, `${id}.ts`);
      }
      const file = path.resolve(ROOT, override);
      if (!isWrittenAsEdits(file)) return file;
      // The module is the edited base file; it keeps the base's path, so its relative imports
      // resolve beside the base, and the query names the known-bad file that edits it.
      const { readMutantSpec } = await import('./mutant.ts');
      const spec = readMutantSpec(file)!;
      const base = spec.base ? path.resolve(ROOT, spec.base) : path.join(ROOT, 'solutions', `${id}.ts`);
      return `${base}${MUTANT_QUERY}${encodeURIComponent(file)}`;
    },
    async load(moduleId) {
      const at = moduleId.indexOf(MUTANT_QUERY);
      if (at < 0) return null;
      const base = moduleId.slice(0, at);
      const file = decodeURIComponent(moduleId.slice(at + MUTANT_QUERY.length));
      const { applyEdits, readMutantSpec } = await import('./mutant.ts');
      const label = `${path.relative(ROOT, file)} (editing ${path.relative(ROOT, base)})`;
      return applyEdits(readFileSync(base, 'utf8'), readMutantSpec(file)!.edits, label);
    },
  };
}

const MUTANT_QUERY = '?workbook-mutant=';

/** A known-bad implementation written as edits of a correct file (`export default edits([...])`). */
function isWrittenAsEdits(file: string): boolean {
  try {
    return /export\s+default\s+edits\s*\(/.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}
