/**
 * The code a child process must run so that it grades the same implementation as the suite that
 * started it. Inside vitest, `@workbook/10-agent-protocols/…` resolves to the learner's file, the
 * reference, a pristine stub or a known-bad implementation (core/workbook-target.ts); a child is
 * a separate Node process that vitest's resolver never sees, so it gets the same choice through
 * the environment and a module-resolution hook (workbook-loader.ts) that maps the same names.
 */
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

/** The environment of a child that runs the suite's target: the variables the loader reads. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { target, overrides } = suiteTarget();
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBOOK_TARGET: target, WORKBOOK_OVERRIDES: JSON.stringify(overrides), ...extra };
  delete env.WORKBOOK_SUITE_TARGET;
  delete env.NODE_OPTIONS; // vitest's own flags are not the child's business
  return env;
}

/** Node's arguments to run a TypeScript entry file with tsx and the workbook loader. */
export function nodeArgs(entry: string): string[] {
  return ['--import', 'tsx', '--import', pathToFileURL(path.join(HERE, 'register-workbook-loader.ts')).href, entry];
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
