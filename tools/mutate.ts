/**
 * `npm run mutate [-- <chapter>|<chapter>/<exercise>|<exercise>] [--concurrency=N] [--incremental]`
 * runs StrykerJS on each selected exercise in turn: its reference solution, mutated, against its
 * own graded suite only (WORKBOOK_TARGET=solutions). A graded suite should kill every mutant
 * except the equivalent ones listed, with their reasons, in test/<chapter>/equivalent-mutants/.
 *
 * - StrykerJS works in its own sandbox (a copy of the repository) under .workbook/mutation/;
 *   nothing in the working tree is mutated. Reports go to .workbook/mutation/<chapter>/<exercise>/:
 *   StrykerJS's JSON report (mutation.json) and a summary (summary.json).
 * - `--incremental` reuses the results of an earlier run for mutants whose code and covering tests
 *   did not change (StrykerJS's incremental mode): quick while closing gaps, never for the record.
 * - `--table` runs nothing and prints the README's score table from the saved summaries.
 *
 * Exit status: 0 when every selected exercise kills all its non-equivalent mutants and its list
 * is exact, 1 otherwise, 2 for a usage error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import { writeFileAtomic } from '../core/files.ts';
import { ROOT } from '../core/root.ts';
import { runMain } from '../core/run-main.ts';
import { type Exercise, loadExercises, rel, selectExercises } from '../core/workbook.ts';
import {
  describeEntry,
  equivalentsPath,
  loadEquivalents,
  matchEquivalents,
  type MutantSite,
  mutatePatterns,
  nameMutants,
} from './mutation.ts';

const OUT_DIR = path.join(ROOT, '.workbook', 'mutation');
const STRYKER = path.join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');

/** The measured outcome of one exercise, saved as summary.json. */
export interface MutationSummary {
  key: string;
  date: string;
  durationMs: number;
  /** Every mutant StrykerJS generated, whatever became of it. */
  mutants: number;
  /** Killed by a failing test, by running past its time limit, or by stopping the module from loading. */
  killed: number;
  /** Survivors listed as equivalent. */
  equivalent: number;
  /** Survivors not listed: gaps in the suite. */
  survived: number;
  /** Mutants StrykerJS could not run (a runtime or compile error): not counted in the score. */
  invalid: number;
  /** killed / (mutants - invalid - equivalent), in percent. */
  score: number;
  /** Problems with the equivalents list: stale entries, listed mutants a test kills. */
  listProblems: string[];
}

interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
  killedBy?: string[];
  coveredBy?: string[];
  testsCompleted?: number;
}

interface Report {
  files: Record<string, { source: string; mutants: ReportMutant[] }>;
}

function outDir(exercise: Exercise): string {
  return path.join(OUT_DIR, exercise.chapter.slug, exercise.meta.id);
}

/** StrykerJS's options for one exercise. */
export function strykerOptions(exercise: Exercise, options: { concurrency: number; incremental: boolean }): Record<string, unknown> {
  const out = rel(outDir(exercise));
  return {
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'tools/mutate.vitest.config.ts', related: false },
    coverageAnalysis: 'perTest',
    mutate: mutatePatterns(exercise),
    concurrency: options.concurrency,
    reporters: ['clear-text', 'json', 'progress-append-only'],
    clearTextReporter: { reportTests: false, reportScoreTable: true, reportMutants: true },
    jsonReporter: { fileName: `${out}/mutation.json` },
    incremental: options.incremental,
    incrementalFile: `${out}/incremental.json`,
    tempDirName: '.workbook/mutation/sandbox',
    cleanTempDir: true,
    // The sandbox holds only what a graded suite needs: the solutions, the suites and their
    // helpers, core/ (the @workbook/ alias) and the configurations.
    ignorePatterns: ['/*', '!/core', '!/solutions', '!/test', '!/tools', '!/package.json', '!/tsconfig.json', '!/vitest.config.ts', '/test/site', '/test/cli'],
    // Past the 30 s a test may take instrumented (tools/mutate.vitest.config.ts), so a test that
    // waits forever fails in vitest first, and the test runner need not be restarted.
    timeoutMS: 40_000,
    dryRunTimeoutMinutes: 10,
    logLevel: 'info',
    fileLogLevel: 'off',
    allowConsoleColors: Boolean(process.stdout.isTTY),
    warnings: { slow: false },
  };
}

/** Runs StrykerJS on one exercise and judges its report against the equivalents list. */
function mutateExercise(exercise: Exercise, options: { concurrency: number; incremental: boolean }): MutationSummary | string {
  const dir = outDir(exercise);
  const configFile = path.join(dir, 'stryker.config.json');
  const reportFile = path.join(dir, 'mutation.json');
  writeFileAtomic(configFile, `${JSON.stringify(strykerOptions(exercise, options), null, 2)}\n`);
  writeFileAtomic(reportFile, '');
  const started = Date.now();
  const run = spawnSync(process.execPath, [STRYKER, 'run', configFile], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, WORKBOOK_TARGET: 'solutions', WORKBOOK_MUTATE_SUITE: rel(exercise.suitePath) },
  });
  const durationMs = Date.now() - started;
  const text = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '';
  if (run.status !== 0 || !text) return `StrykerJS did not finish (exit ${run.status ?? run.signal}); its output above says why`;
  const summary = judge(exercise, JSON.parse(text) as Report, durationMs);
  writeFileAtomic(path.join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function judge(exercise: Exercise, report: Report, durationMs: number): MutationSummary {
  const file = Object.entries(report.files).find(([name]) => path.resolve(ROOT, name) === exercise.solutionPath)?.[1];
  const mutants = file?.mutants ?? [];
  const source = file?.source ?? readFileSync(exercise.solutionPath, 'utf8');
  // The JSON report counts lines and columns from 1; StrykerJS itself counts from 0.
  const sites: MutantSite[] = mutants.map((m) => ({
    mutator: m.mutatorName,
    replacement: m.replacement ?? '',
    start: { line: m.location.start.line - 1, column: m.location.start.column - 1 },
    end: { line: m.location.end.line - 1, column: m.location.end.column - 1 },
  }));
  const { entries, problems } = loadEquivalents(exercise);
  const { matched, stale, duplicates } = matchEquivalents(source, sites, entries);
  const list = rel(equivalentsPath(exercise));
  const listProblems = [
    ...problems,
    ...stale.map((entry) => `${list}: no mutant matches ${describeEntry(entry)}`),
    ...duplicates.map((entry) => `${list}: ${describeEntry(entry)} is listed twice`),
  ];
  const names = nameMutants(source, sites);
  let killed = 0;
  let equivalent = 0;
  let invalid = 0;
  const survivors: string[] = [];
  mutants.forEach((mutant, index) => {
    const entry = matched.get(index);
    // StrykerJS's vitest runner reports a mutant that makes the module throw while it loads as
    // surviving with no test run; the grader scores such a file 0 ("could not be loaded").
    const breaksLoading = mutant.status === 'Survived' && mutant.testsCompleted === 0;
    if (DETECTED.has(mutant.status) || breaksLoading) {
      killed++;
      if (entry) listProblems.push(`${list}: ${describeEntry(entry)} is listed as equivalent, but a test kills it (${mutant.status})`);
    } else if (UNDETECTED.has(mutant.status)) {
      if (entry) equivalent++;
      else {
        const { start } = mutant.location;
        survivors.push(`${rel(exercise.solutionPath)}:${start.line}:${start.column} ${mutant.status}\n      ${JSON.stringify(names[index])}`);
      }
    } else invalid++;
  });
  const counted = mutants.length - invalid - equivalent;
  const summary: MutationSummary = {
    key: exercise.key,
    date: new Date().toISOString().slice(0, 10),
    durationMs,
    mutants: mutants.length,
    killed,
    equivalent,
    survived: survivors.length,
    invalid,
    score: counted === 0 ? 100 : Math.floor((killed / counted) * 10_000) / 100,
    listProblems,
  };
  if (survivors.length > 0) {
    console.log(pc.red(`\n${exercise.key}: ${survivors.length} mutant(s) survived that no equivalents entry names:`));
    for (const line of survivors) console.log(`  • ${line}`);
  }
  for (const problem of listProblems) console.log(pc.red(`  • ${problem}`));
  return summary;
}

/** A README row: exercise, mutants, equivalents, killed, score. */
function tableRow(summary: MutationSummary): string {
  const counted = summary.mutants - summary.invalid - summary.equivalent;
  return `| \`${summary.key}\` | ${summary.mutants} | ${summary.equivalent} | ${summary.killed} / ${counted} | ${summary.score.toFixed(summary.score === 100 ? 0 : 2)} % |`;
}

function printTable(summaries: MutationSummary[]): void {
  console.log('| exercise | mutants | listed equivalents | killed | score |');
  console.log('|---|---|---|---|---|');
  for (const summary of summaries) console.log(tableRow(summary));
}

function savedSummary(exercise: Exercise): MutationSummary | undefined {
  const file = path.join(outDir(exercise), 'summary.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as MutationSummary) : undefined;
}

const USAGE = 'Usage: npm run mutate [-- <chapter>[/<exercise>]] [--concurrency=N] [--incremental] [--table]';

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((arg) => arg.startsWith('--'));
  const filters = argv.filter((arg) => !arg.startsWith('--'));
  const concurrencyFlag = flags.find((flag) => flag.startsWith('--concurrency='));
  const unknown = flags.filter((flag) => flag !== concurrencyFlag && !['--incremental', '--table'].includes(flag));
  const concurrency = concurrencyFlag ? Number(concurrencyFlag.slice('--concurrency='.length)) : Math.min(2, Math.max(1, os.availableParallelism() - 1));
  if (unknown.length > 0 || filters.length > 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error(USAGE);
    return 2;
  }
  const exercises = selectExercises(await loadExercises(), filters[0]);
  if (exercises.length === 0) {
    console.error(`No exercise matches "${filters[0]}". Try a chapter such as 06-message-queues.`);
    return 2;
  }
  if (flags.includes('--table')) {
    const saved = exercises.map((exercise) => savedSummary(exercise));
    const missing = exercises.filter((_, i) => !saved[i]).map((e) => e.key);
    printTable(saved.filter((s): s is MutationSummary => s !== undefined));
    if (missing.length > 0) console.error(`No saved run for: ${missing.join(', ')}`);
    return missing.length > 0 ? 1 : 0;
  }
  const started = Date.now();
  const summaries: MutationSummary[] = [];
  const failures: string[] = [];
  for (const exercise of exercises) {
    console.log(pc.bold(`\n▶ ${exercise.key}: mutating ${rel(exercise.solutionPath)} against ${rel(exercise.suitePath)}`));
    const result = mutateExercise(exercise, { concurrency, incremental: flags.includes('--incremental') });
    if (typeof result === 'string') {
      failures.push(`${exercise.key}: ${result}`);
      continue;
    }
    summaries.push(result);
    if (result.survived > 0 || result.listProblems.length > 0) failures.push(`${exercise.key}: ${result.survived} surviving mutant(s), ${result.listProblems.length} list problem(s)`);
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(pc.bold(`\nMutation scores (killed / all but the listed equivalents), ${summaries.length} exercise(s) in ${minutes} min:\n`));
  printTable(summaries);
  if (failures.length > 0) {
    console.log();
    for (const failure of failures) console.log(pc.red(`✗ ${failure}`));
    return 1;
  }
  console.log(pc.green('\nEvery non-equivalent mutant was killed.'));
  return 0;
}

runMain(import.meta.url, main);
