/**
 * Mutation testing across processes. `npm run mutate` runs StrykerJS, whose instrumented code
 * finds out which mutant is active, and records which mutants the tests reach, in
 * `globalThis.__stryker__` of the vitest worker. A suite that runs the graded code in a child
 * process (serve-stdio starts the learner's file as a program) would leave StrykerJS blind to it:
 * every mutant reached only there would count as covered by no test and never run.
 *
 * So a suite that starts such children passes their spawn options through these two functions:
 * - in a mutant run, the child is told the active mutant through `__STRYKER_ACTIVE_MUTANT__`,
 *   the variable the instrumented code itself reads when its namespace has none;
 * - in the coverage run, the child records the mutants it reaches (child-coverage.ts) and, after
 *   the file's last test, they are added to the file's static coverage: StrykerJS then runs every
 *   test of the file against each of them, since any test may have been the one that used the
 *   shared child.
 * Outside mutation testing both do nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';

interface StrykerNamespace {
  activeMutant?: string | number;
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
}

const stryker = (): StrykerNamespace | undefined => (globalThis as { __stryker__?: StrykerNamespace }).__stryker__;

let coverageFolder: string | undefined;

/** After the file's last test (and its cleanups, registered later, which run first): the children's mutants become static coverage. */
afterAll(() => {
  if (!coverageFolder) return;
  const ns = stryker();
  const coverage = ns && (ns.mutantCoverage ??= { static: {}, perTest: {} });
  const file = path.join(coverageFolder, 'reached.txt');
  if (coverage && existsSync(file)) {
    for (const id of readFileSync(file, 'utf8').split('\n').filter(Boolean)) coverage.static[id] = (coverage.static[id] ?? 0) + 1;
  }
  rmSync(coverageFolder, { recursive: true, force: true });
  coverageFolder = undefined;
});

/** Node arguments to put before a child's entry file, after tsx is loaded: the coverage recorder, in a coverage run. */
export function mutationNodeArgs(): string[] {
  const ns = stryker();
  if (!ns || ns.activeMutant !== undefined) return [];
  return ['--import', pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'child-coverage.ts')).href];
}

/** Environment variables for a child that runs graded code: the active mutant, or where to record coverage. */
export function mutationChildEnv(): NodeJS.ProcessEnv {
  const ns = stryker();
  if (!ns) return {};
  if (ns.activeMutant !== undefined) return { __STRYKER_ACTIVE_MUTANT__: String(ns.activeMutant) };
  coverageFolder ??= mkdtempSync(path.join(tmpdir(), 'workbook-child-coverage-'));
  return { WORKBOOK_CHILD_COVERAGE: path.join(coverageFolder, 'reached.txt') };
}
