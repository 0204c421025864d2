/**
 * The code a child process must run so that it grades the same implementation as the suite that
 * started it. Inside vitest, `@workbook/10-agent-protocols/…` resolves to the learner's file, the
 * reference, a pristine stub or a known-bad implementation (core/workbook-target.ts); a child is
 * a separate Node process that vitest's resolver never sees, so it gets the same choice through
 * the environment and a module-resolution hook (workbook-loader.ts) that maps the same names.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT } from '../../../core/root.ts';
import { targetDir, targetFromEnv, type TargetOptions } from '../../../core/workbook-target.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * The target of the running suite. The `@workbook/` plugin publishes its options to the test
 * environment as `WORKBOOK_SUITE_TARGET`, which matters when one vitest run grades several
 * targets at once (the self-check); otherwise the suite's target is the one `WORKBOOK_TARGET` and
 * `WORKBOOK_OVERRIDES` name, exactly as the plugin reads them.
 */
export function suiteTarget(env: NodeJS.ProcessEnv = process.env): Required<TargetOptions> {
  const options: TargetOptions = env.WORKBOOK_SUITE_TARGET ? (JSON.parse(env.WORKBOOK_SUITE_TARGET) as TargetOptions) : targetFromEnv(env);
  return { target: options.target ?? 'chapters', overrides: options.overrides ?? {} };
}

/** The query that marks a module served from an edited copy of its base file. */
export const EDITED_QUERY = '?workbook-edited=';

/** Per exercise: the base file a known-bad implementation edits, and the edited module as JavaScript. */
export type EditedModules = Record<string, { base: string; js: string }>;

/**
 * Applies the edits of every known-bad override written as edits, compiles each result to
 * JavaScript in a new folder under `folderIn`, and returns where they are. The loader serves them
 * in place of their base files, so a child need not load the TypeScript compiler itself.
 */
export async function prepareEditedOverrides(folderIn: string = tmpdir()): Promise<{ modules: EditedModules; folder: string | undefined }> {
  const { overrides } = suiteTarget();
  const modules: EditedModules = {};
  let folder: string | undefined;
  for (const [id, override] of Object.entries(overrides)) {
    const file = path.resolve(ROOT, override);
    const { applyEdits, readMutantSpec } = await import('../../../core/mutant.ts');
    const spec = readMutantSpec(file);
    if (!spec) continue;
    const { default: ts } = await import('typescript');
    const base = spec.base ? path.resolve(ROOT, spec.base) : path.join(ROOT, 'solutions', `${id}.ts`);
    const text = applyEdits(readFileSync(base, 'utf8'), spec.edits, `${override} (editing ${path.relative(ROOT, base)})`);
    const { outputText } = ts.transpileModule(text, {
      fileName: base,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    folder ??= mkdtempSync(path.join(folderIn, 'workbook-edited-'));
    const js = path.join(folder, `${id.replace('/', '--')}.mjs`);
    writeFileSync(js, outputText);
    modules[id] = { base, js };
  }
  return { modules, folder };
}

/** The environment of a child that runs the suite's target: the variables the loader reads. */
export function childEnv(edited: EditedModules, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { target, overrides } = suiteTarget();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WORKBOOK_TARGET: target,
    WORKBOOK_OVERRIDES: JSON.stringify(overrides),
    WORKBOOK_EDITED: JSON.stringify(edited),
    ...extra,
  };
  delete env.WORKBOOK_SUITE_TARGET;
  delete env.NODE_OPTIONS; // vitest's own flags are not the child's business
  return env;
}

/** Node's arguments to run a TypeScript entry file with tsx and the workbook loader (and `preload`, more `--import` arguments). */
export function nodeArgs(entry: string, preload: string[] = []): string[] {
  return ['--import', 'tsx', '--import', pathToFileURL(path.join(HERE, 'register-workbook-loader.ts')).href, ...preload, entry];
}

/**
 * The file `@workbook/<id>` names for the suite's target, or `undefined` when a known-bad
 * implementation stands in for it: such a file is not a program that can be started on its own.
 */
export function exerciseEntry(id: string): string | undefined {
  const { target, overrides } = suiteTarget();
  if (overrides[id]) return undefined;
  return path.join(targetDir(target), `${id}.ts`);
}

/** A support file of this suite, by name. */
export function supportFile(name: string): string {
  return path.join(HERE, name);
}

export { ROOT };
