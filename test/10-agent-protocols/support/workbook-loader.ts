/**
 * Node module-resolution hooks that give a child process the same view of the exercises as the
 * graded suite that started it. They read `WORKBOOK_TARGET` and `WORKBOOK_OVERRIDES` as the
 * `@workbook/` vitest plugin does (core/workbook-target.ts) and map the same way:
 *
 * - `@workbook/<chapter>/<exercise>` → the override of that exercise when there is one, otherwise
 *   `<target>/<chapter>/<exercise>.ts`;
 * - an override written as edits (`export default edits([...])`) → the edited base file, served
 *   under the base's own path (with a query), so that its relative imports resolve beside the
 *   base, as in the plugin. The suite applies the edits before it starts the child and names the
 *   result in `WORKBOOK_EDITED` (see target.ts), so the child never loads the TypeScript compiler;
 * - any other import that lands on `<target>/<chapter>/<exercise>.ts` of an overridden exercise →
 *   the override too, so that `import … from './mcp-server.ts'` inside the target's
 *   serve-stdio.ts follows a known-bad mcp-server.
 *
 * Registered after tsx, so these hooks run first; every mapped file is resolved again by tsx.
 */
import { readFileSync } from 'node:fs';
import type { LoadHook, ResolveHook } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT } from '../../../core/root.ts';
import { targetDir, targetFromEnv, workbookImport } from '../../../core/workbook-target.ts';
import { EDITED_QUERY, type EditedModules } from './target.ts';

const { target = 'chapters', overrides = {} } = targetFromEnv(process.env);
const dir = targetDir(target);
const edited = JSON.parse(process.env.WORKBOOK_EDITED || '{}') as EditedModules;

function urlOf(id: string): string {
  const override = overrides[id];
  if (!override) return pathToFileURL(path.join(dir, `${id}.ts`)).href;
  const module = edited[id];
  if (module) return `${pathToFileURL(module.base).href}${EDITED_QUERY}${encodeURIComponent(module.js)}`;
  return pathToFileURL(path.resolve(ROOT, override)).href;
}

/** `<chapter>/<exercise>` when `url` is an exercise file of the target, else `undefined`. */
function exerciseOf(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const relative = path.relative(dir, fileURLToPath(url.split('?')[0]!));
  const match = /^(\d\d-[a-z0-9-]+)[/\\]([a-z0-9-]+)\.ts$/.exec(relative);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const named = workbookImport(specifier);
  if (named) {
    return nextResolve(urlOf(named.id), context);
  }
  const resolved = await nextResolve(specifier, context);
  const id = exerciseOf(resolved.url);
  if (id && overrides[id] && !resolved.url.includes(EDITED_QUERY)) return nextResolve(urlOf(id), context);
  return resolved;
};

export const load: LoadHook = async (url, context, nextLoad) => {
  const at = url.indexOf(EDITED_QUERY);
  if (at < 0) return nextLoad(url, context);
  const js = decodeURIComponent(url.slice(at + EDITED_QUERY.length));
  return { format: 'module', source: readFileSync(js, 'utf8'), shortCircuit: true };
};
