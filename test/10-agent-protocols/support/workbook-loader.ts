/**
 * Node module-resolution hooks that give a child process the same view of the exercises as the
 * graded suite that started it. They read `WORKBOOK_TARGET` and `WORKBOOK_OVERRIDES` as the
 * `@workbook/` vitest plugin does (core/workbook-target.ts) and map the same way:
 *
 * - `@workbook/<chapter>/<exercise>` → the override of that exercise when there is one, otherwise
 *   `<target>/<chapter>/<exercise>.ts`;
 * - an override written as edits (`export default edits([...])`) → the edited base file, served
 *   under the base's own path (with a query naming the known-bad file), so that its relative
 *   imports resolve beside the base, as in the plugin;
 * - any other import that lands on `<target>/<chapter>/<exercise>.ts` of an overridden exercise →
 *   the override too, so that `import … from './mcp-server.ts'` inside the target's
 *   serve-stdio.ts follows a known-bad mcp-server.
 *
 * Registered after tsx, so these hooks run first and hand everything else to tsx.
 */
import { readFileSync } from 'node:fs';
import type { LoadHook, ResolveHook } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT } from '../../../core/root.ts';
import { targetDir, targetFromEnv, WORKBOOK_PREFIX } from '../../../core/workbook-target.ts';

const MUTANT_QUERY = '?workbook-mutant=';
const { target = 'chapters', overrides = {} } = targetFromEnv(process.env);
const dir = targetDir(target);

async function urlOf(id: string): Promise<string> {
  const override = overrides[id];
  if (!override) return pathToFileURL(path.join(dir, `${id}.ts`)).href;
  const file = path.resolve(ROOT, override);
  const { readMutantSpec } = await import('../../../core/mutant.ts');
  const spec = readMutantSpec(file);
  if (!spec) return pathToFileURL(file).href;
  const base = spec.base ? path.resolve(ROOT, spec.base) : path.join(ROOT, 'solutions', `${id}.ts`);
  return `${pathToFileURL(base).href}${MUTANT_QUERY}${encodeURIComponent(file)}`;
}

/** `<chapter>/<exercise>` when `url` is an exercise file of the target, else `undefined`. */
function exerciseOf(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const relative = path.relative(dir, fileURLToPath(url.split('?')[0]!));
  const match = /^(\d\d-[a-z0-9-]+)[/\\]([a-z0-9-]+)\.ts$/.exec(relative);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  // The mapped file is resolved again by the next hooks, so that tsx still marks it as TypeScript.
  if (specifier.startsWith(WORKBOOK_PREFIX)) {
    const id = specifier.slice(WORKBOOK_PREFIX.length).replace(/\.(js|ts)$/, '');
    return nextResolve(await urlOf(id), context);
  }
  const resolved = await nextResolve(specifier, context);
  const id = exerciseOf(resolved.url);
  if (id && overrides[id]) return nextResolve(await urlOf(id), context);
  return resolved;
};

export const load: LoadHook = async (url, context, nextLoad) => {
  const at = url.indexOf(MUTANT_QUERY);
  if (at < 0) return nextLoad(url, context);
  const base = fileURLToPath(url.slice(0, at));
  const file = decodeURIComponent(url.slice(at + MUTANT_QUERY.length));
  const { applyEdits, readMutantSpec } = await import('../../../core/mutant.ts');
  const { default: ts } = await import('typescript');
  const edited = applyEdits(readFileSync(base, 'utf8'), readMutantSpec(file)!.edits, `${path.relative(ROOT, file)} (editing ${path.relative(ROOT, base)})`);
  const { outputText } = ts.transpileModule(edited, {
    fileName: base,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
};
