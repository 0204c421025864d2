import path from 'node:path';
import type { Plugin } from 'vite';
import { ROOT } from './root.ts';

/** The import prefix graded suites use for the code under test: `@workbook/<chapter>/<exercise>`. */
export const WORKBOOK_PREFIX = '@workbook/';

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
    resolveId(source) {
      if (!source.startsWith(WORKBOOK_PREFIX)) return null;
      const id = source.slice(WORKBOOK_PREFIX.length).replace(/\.(js|ts)$/, '');
      const override = overrides[id];
      if (override) return path.resolve(ROOT, override);
      // A missing file still resolves here, so the failure names the path the learner should create.
      return path.join(dir, `${id}.ts`);
    },
  };
}
