/**
 * `npm test`: proves the workbook is consistent.
 *
 *  1. typecheck        tsc --noEmit over everything; meanwhile, on the whole workbook, the docs
 *                      site is built once, for the browser tests and the docs checks to share
 *  2. metadata         every chapter.ts is valid and names files that exist
 *  3. stubs            every committed stub is what the generator makes from its solution
 *     programs         exercises that need a system program (redis-server) are graded only where
 *                      it is installed; without it they are skipped with one line, and CI fails
 *     equivalents      every listed equivalent mutant is still one StrykerJS generates (tools/mutation.ts)
 *  4. graded suites    in one vitest run, as projects:
 *                        solutions  every task of every suite passes on the reference
 *                        pristine   every task fails on freshly generated stubs
 *                        bad:…      every known-bad implementation fails at least one task
 *                        tooling    the workbook's own tests (generator, CLI, site) pass
 *  5. extra steps      registered in tools/check-steps.ts (docs build, links, …)
 *
 * `npm test -- <chapter>[/<exercise>]` checks only that part (the typecheck still covers all).
 * `--skip-typecheck` skips step 1, for quick iterations. The stubs are checked before anything
 * else: with someone's work in chapters/ the other steps would be wasted, so it stops there and
 * says how to set the work aside. Long steps show their progress as they go.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { syncStubs } from './stubs.ts';
import { lintChapter } from './chapter-lint.ts';
import { extraSteps } from './check-steps.ts';
import { checkEquivalents } from './mutation.ts';
import { batchable, writeBatch } from './check-batches.ts';
import type { CheckProject } from './check.vitest.config.ts';
import type { RunResults, TestRecord } from '../core/results-reporter.ts';
import type { BuildResult } from '../site/lib/site.ts';
import { buildSiteOrError } from '../site/lib/checks.ts';
import { findProgram } from '../core/programs.ts';
import { parseCommand, runMain, UsageError } from '../core/run-main.ts';
import { generateStub } from '../core/stub-generator.ts';
import { ROOT } from '../core/root.ts';
import { badImplementations, type Exercise, loadExercises, rel, selectExercises } from '../core/workbook.ts';

const MIN_BAD_IMPLEMENTATIONS = 4;
const SUITE_TIMEOUT_MINUTES = 60;
// Each run gets its own folder, so concurrent runs (two terminals, an editor's test runner)
// never see each other's pristine stubs or results. It is removed when the run ends.
const WORK_DIR = path.join(ROOT, '.workbook', 'check', `run-${process.pid}`);
const PRISTINE_DIR = path.join(WORK_DIR, 'pristine');
const SITE_OUT = path.join(WORK_DIR, 'site');
const SITE_BUILD_FILE = path.join(WORK_DIR, 'site-build.json');
const BATCH_DIR = path.join(WORK_DIR, 'batches');

/** The outcome of one check step: problems found (empty means it passed). */
export interface StepResult {
  name: string;
  problems: string[];
  summary: string;
}

/** tsc --noEmit over the whole workbook, in a child process (so that the site can build meanwhile). */
export async function typecheck(): Promise<StepResult> {
  // Every error is kept: the step lists them from the first.
  const tsc = await runChild([path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', ROOT], { keepChars: Infinity });
  const output = tsc.output.trim();
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  return {
    name: 'typecheck',
    problems: tsc.status === 0 ? [] : errors.length ? errors : [output || `tsc exited with ${tsc.status}`],
    summary: tsc.status === 0 ? 'no type errors' : `${errors.length} type error(s)`,
  };
}

/**
 * Builds the whole site once into this run's folder, and writes its BuildResult beside it: the
 * browser tests open it (`WORKBOOK_SITE_BUILD`, see test/site/browser-harness.ts) instead of each
 * building its own, and the docs checks check it.
 */
function buildSharedSite(): Promise<BuildResult | Error> {
  return buildSiteOrError({ outDir: SITE_OUT }).then((result) => {
    if (!(result instanceof Error)) writeFileSync(SITE_BUILD_FILE, JSON.stringify(result));
    return result;
  });
}

export function checkMetadata(exercises: Exercise[]): StepResult {
  const problems: string[] = [];
  for (const exercise of exercises) {
    for (const [what, file] of [
      ['reference solution', exercise.solutionPath],
      ['stub', exercise.stubPath],
      ['graded suite', exercise.suitePath],
    ] as const) {
      if (!existsSync(file)) problems.push(`${exercise.key}: the ${what} ${rel(file)} is missing`);
    }
    const bad = badImplementations(exercise).length;
    if (bad < MIN_BAD_IMPLEMENTATIONS) {
      problems.push(`${exercise.key}: ${bad} known-bad implementation(s) in ${rel(exercise.badDir)}, at least ${MIN_BAD_IMPLEMENTATIONS} needed`);
    }
  }
  const chapters = new Set(exercises.map((e) => e.chapter.slug));
  for (const slug of chapters) {
    if (!existsSync(path.join(ROOT, 'chapters', slug, 'README.md'))) problems.push(`${slug}: chapters/${slug}/README.md is missing`);
  }
  return { name: 'metadata', problems, summary: `${chapters.size} chapter(s), ${exercises.length} exercise(s)` };
}

export function checkStubs(exercises: Exercise[]): StepResult {
  const problems = syncStubs(exercises, { check: true })
    .filter((r) => r.status !== 'up-to-date')
    .map((r) =>
      r.status === 'edited'
        ? `${rel(r.exercise.stubPath)} holds edits (your work on the exercise?). The self-check grades the committed stubs, so it stops here: ` +
          'put your work aside with `git stash` (and bring it back with `git stash pop`), or run npm test in a fresh clone'
        : `${rel(r.exercise.stubPath)} is stale: run npm run stubs and commit the result`,
    );
  return { name: 'stubs', problems, summary: `${exercises.length - problems.length} of ${exercises.length} up to date` };
}

export function checkChapterPages(exercises: Exercise[]): StepResult {
  const chapters = [...new Map(exercises.map((e) => [e.chapter.slug, e.chapter])).values()];
  const problems = chapters.flatMap((chapter) => lintChapter(chapter));
  return { name: 'chapter pages', problems, summary: `${chapters.length} page(s): sections, interview answers, listings` };
}

/**
 * Exercises whose suite needs a system program (`requires` in the manifest, such as redis-server)
 * are graded only where it is installed. Like the browser tests: without it they are skipped with
 * one line saying how to install it, and under CI a missing program is a failure.
 */
export function checkRequirements(exercises: Exercise[], env: NodeJS.ProcessEnv = process.env): { step: StepResult; gradable: Exercise[] } {
  const problems: string[] = [];
  const skipped: string[] = [];
  const found = new Set<string>();
  const gradable = exercises.filter((exercise) => {
    const missing = (exercise.meta.requires ?? []).filter((requirement) => {
      if (findProgram(requirement.command, env) === undefined) return true;
      found.add(requirement.command);
      return false;
    });
    if (missing.length === 0) return true;
    for (const { command, install } of missing) {
      const line = `${exercise.key} needs ${command}, which is not installed: ${install}`;
      if (env.CI) problems.push(`${line} (CI requires it: .ci/run installs it)`);
      else skipped.push(line);
    }
    return false;
  });
  const summary =
    problems.length > 0
      ? `${problems.length} missing`
      : skipped.length > 0
        ? `skipped: ${skipped.join('; ')}`
        : found.size > 0
          ? `found ${[...found].join(', ')}`
          : 'none needed';
  return { step: { name: 'system programs', problems, summary }, gradable };
}

/** Removes the folders of earlier runs that were interrupted (their process is gone). */
function removeStaleRuns(): void {
  const parent = path.dirname(WORK_DIR);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const pid = /^run-(\d+)$/.exec(name)?.[1];
    if (pid && isAlive(Number(pid))) continue; // this run, or another one still going
    rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes freshly generated stubs to .workbook/check/run-<pid>/pristine, laid out like chapters/. */
function writePristineStubs(exercises: Exercise[]): void {
  removeStaleRuns();
  rmSync(PRISTINE_DIR, { recursive: true, force: true });
  for (const exercise of exercises) {
    const target = path.join(PRISTINE_DIR, exercise.chapter.slug, `${exercise.meta.id}.ts`);
    mkdirSync(path.dirname(target), { recursive: true });
    const source = readFileSync(exercise.solutionPath, 'utf8');
    writeFileSync(target, generateStub(source, { solutionPath: rel(exercise.solutionPath), exerciseId: exercise.key }));
  }
}

interface Expectation {
  project: CheckProject;
  exercise?: Exercise;
  kind: 'solutions' | 'pristine' | 'bad' | 'tooling';
  /** For a known-bad implementation: the bug it describes (its first comment line). */
  bug?: string;
  /** For a known-bad implementation: its name in reports (`bad:<chapter>/<exercise>/<name>`). */
  name?: string;
  /** In a batch (tools/check-batches.ts): the copy of the suite this expectation reads, and the reference's copy. */
  copy?: string;
  referenceCopy?: string;
}

function plan(exercises: Exercise[], withTooling: boolean): Expectation[] {
  const expectations: Expectation[] = [];
  const suites = exercises.map((e) => rel(e.suitePath));
  if (suites.length > 0) {
    expectations.push({ kind: 'solutions', project: { name: 'solutions', include: suites, target: 'solutions' } });
    expectations.push({ kind: 'pristine', project: { name: 'pristine', include: suites, target: rel(PRISTINE_DIR) } });
  }
  for (const exercise of exercises) {
    const bads = badImplementations(exercise);
    const batch = bads.length > 0 && batchable(exercise.suitePath) ? writeBatch(exercise, bads, path.join(BATCH_DIR, exercise.key)) : undefined;
    // A batch's expectations share its project; each reads its own copy of the suite.
    const batched = batch && {
      project: { name: `bad:${exercise.key}`, include: [batch.reference, ...batch.copies.values()], target: 'solutions', stopAtFirstFailure: true, isolate: false } satisfies CheckProject,
      referenceCopy: batch.reference,
    };
    for (const file of bads) {
      const name = `bad:${exercise.key}/${path.basename(file, '.ts')}`;
      expectations.push({
        kind: 'bad',
        exercise,
        bug: describeBug(file),
        name,
        ...(batched
          ? { ...batched, copy: batch?.copies.get(file) }
          : { project: { name, include: [rel(exercise.suitePath)], target: 'solutions', overrides: { [exercise.key]: rel(file) }, stopAtFirstFailure: true } }),
      });
    }
  }
  if (withTooling) {
    expectations.push({
      kind: 'tooling',
      project: { name: 'tooling', include: ['test/*/**/*.test.ts', '!test/[0-9][0-9]-*/**'], target: 'solutions' },
    });
  }
  return expectations;
}

function describeBug(file: string): string {
  const match = /\/\*\*?\s*(?:\*\s*)?(?:Bug:\s*)?([^\n]*)/.exec(readFileSync(file, 'utf8'));
  return match?.[1]?.replace(/\*\/\s*$/, '').trim() || path.basename(file);
}

/** Runs the graded suites (and, `withTooling`, the workbook's own tests, given the shared site when it built). */
export async function runSuites(exercises: Exercise[], withTooling: boolean, siteBuild?: BuildResult | Error): Promise<StepResult[]> {
  writePristineStubs(exercises);
  const expectations = plan(exercises, withTooling);
  if (expectations.length === 0) return [];
  mkdirSync(WORK_DIR, { recursive: true });
  const planFile = path.join(WORK_DIR, 'plan.json');
  const resultsFile = path.join(WORK_DIR, 'results.json');
  const progressFile = path.join(WORK_DIR, 'progress.txt');
  rmSync(resultsFile, { force: true });
  // A batch's expectations share one project.
  const projects = [...new Set(expectations.map((e) => e.project))];
  writeFileSync(planFile, JSON.stringify(projects));
  const files = projects.reduce((sum, p) => sum + (p.name === 'tooling' ? toolingSuites().length : p.include.length), 0);
  const shown = progress('graded suites', `${files} test files in ${projects.length} project(s), one vitest run`);
  const vitest = await runChild([path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'tools/check.vitest.config.ts'], {
    env: {
      ...process.env,
      WORKBOOK_CHECK_PLAN: planFile,
      WORKBOOK_RESULTS: resultsFile,
      WORKBOOK_PROGRESS: progressFile,
      FORCE_COLOR: '0',
      ...(siteBuild && !(siteBuild instanceof Error) ? { WORKBOOK_SITE_BUILD: SITE_BUILD_FILE } : {}),
    },
    timeoutMs: SUITE_TIMEOUT_MINUTES * 60 * 1000,
    tick: () => {
      const last = existsSync(progressFile) ? readFileSync(progressFile, 'utf8').trimEnd().split('\n').at(-1) : undefined;
      const [done = 0, queued = 0] = (last ?? '0 0').split(' ').map(Number);
      shown.update(`${done} of ${Math.max(files, queued)} test files done`);
    },
  });
  shown.done();
  if (!existsSync(resultsFile)) {
    const output = vitest.output.trim().split('\n').slice(-30).join('\n');
    const why = vitest.timedOut
      ? `the graded suites did not finish within ${SUITE_TIMEOUT_MINUTES} minutes; a suite or known-bad implementation probably ` +
        'loops forever (check one chapter at a time with npm test -- <chapter> to find it)'
      : `vitest produced no results (exit ${vitest.status ?? vitest.signal})`;
    return [{ name: 'graded suites', problems: [`${why}:\n${output}`], summary: 'did not finish' }];
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults;
  const slowest = Number(process.env.WORKBOOK_SLOWEST);
  if (slowest > 0) printSlowest(results, slowest);
  return judge(exercises, expectations, results);
}

/** With `WORKBOOK_SLOWEST=<n>`: the n test files that took longest (their tests' time added up), to see where a run's time goes. */
function printSlowest(results: RunResults, count: number): void {
  const byFile = new Map<string, number>();
  for (const test of results.tests) {
    const key = `${test.project} ${test.file}`;
    byFile.set(key, (byFile.get(key) ?? 0) + test.durationMs);
  }
  console.log(pc.dim(`  the ${count} slowest test files (seconds of their tests, added up):`));
  for (const [key, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(pc.dim(`  ${(ms / 1000).toFixed(1).padStart(7)}  ${key}`));
}

/** The workbook's own test files (the tooling project): every test file under test/ outside the chapters' folders. */
function toolingSuites(): string[] {
  return readdirSync(path.join(ROOT, 'test'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => path.relative(path.join(ROOT, 'test'), path.join(entry.parentPath, entry.name)))
    .filter((file) => file.includes(path.sep) && !/^\d\d-/.test(file));
}

interface ChildRun {
  output: string;
  status: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

/**
 * Runs a Node script in a child process from the repository root, keeping the last `keepChars` of
 * its output (64 Ki by default); stops it after `timeoutMs` and calls `tick` every second while it
 * runs, when given.
 */
function runChild(args: string[], options: { env?: NodeJS.ProcessEnv; keepChars?: number; timeoutMs?: number; tick?: () => void } = {}): Promise<ChildRun> {
  const keepChars = options.keepChars ?? 64 * 1024;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-keepChars);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const limit = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    const ticking = options.tick ? setInterval(options.tick, 1_000) : undefined;
    const finish = (run: ChildRun): void => {
      clearTimeout(limit);
      clearInterval(ticking);
      resolve(run);
    };
    child.on('error', (error) => finish({ output: error.message, status: null, signal: null, timedOut }));
    child.on('close', (status, signal) => finish({ output, status, signal, timedOut }));
  });
}

/**
 * Shows that a long step is still going and how far it has got: on a terminal, one line
 * rewritten in place; otherwise a line when it starts and then every `WORKBOOK_PROGRESS_SECONDS`
 * (30 by default), so a CI log shows it too.
 */
function progress(step: string, what: string): { update: (text: string) => void; done: () => void } {
  const started = Date.now();
  const tty = Boolean(process.stdout.isTTY);
  const every = (Number(process.env.WORKBOOK_PROGRESS_SECONDS) || 30) * 1000;
  let printed = Date.now();
  const elapsed = (): string => {
    const seconds = Math.round((Date.now() - started) / 1000);
    return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
  };
  const line = (text: string): string => pc.dim(`… ${step}: ${text} (${elapsed()})`);
  if (tty) process.stdout.write(line(what));
  else console.log(line(what));
  return {
    update: (text) => {
      if (tty) process.stdout.write(`\r\u001b[K${line(text)}`);
      else if (Date.now() - printed >= every) {
        printed = Date.now();
        console.log(line(text));
      }
    },
    done: () => {
      if (tty) process.stdout.write('\r\u001b[K');
    },
  };
}

function judge(exercises: Exercise[], expectations: Expectation[], results: RunResults): StepResult[] {
  const byProject = new Map<string, TestRecord[]>();
  for (const test of results.tests) byProject.set(test.project, [...(byProject.get(test.project) ?? []), test]);
  const loadErrors = new Map<string, string[]>();
  for (const module of results.modules) {
    if (module.errors.length === 0) continue;
    const key = `${module.project} ${module.file}`;
    loadErrors.set(key, module.errors.map((e) => e.message));
  }
  const steps: Record<Expectation['kind'], StepResult> = {
    solutions: { name: 'reference solutions pass', problems: [], summary: '' },
    pristine: { name: 'pristine stubs fail every task', problems: [], summary: '' },
    bad: { name: 'known-bad implementations are caught', problems: [], summary: '' },
    tooling: { name: "the workbook's own tests", problems: [], summary: '' },
  };
  for (const [key, messages] of loadErrors) {
    // Nothing in a suite, a solution or a stub runs code at import time, so a load error is a bug.
    steps.solutions.problems.push(`${key} failed to load: ${messages.join('; ')}`);
  }
  let badCount = 0;
  const checkedBatches = new Set<string>();
  for (const expectation of expectations) {
    const tests = byProject.get(expectation.project.name) ?? [];
    const step = steps[expectation.kind];
    if (expectation.kind === 'tooling') {
      for (const t of tests) if (t.state === 'failed') step.problems.push(`${t.file} › ${t.name}: ${t.errors[0]?.message ?? 'failed'}`);
      if (process.env.CI) for (const t of tests) if (t.state === 'skipped') step.problems.push(`${t.file} › ${t.name} was skipped, and CI requires it`);
      step.summary = `${tests.filter((t) => t.state === 'passed').length} passed, ${tests.filter((t) => t.state === 'skipped').length} skipped`;
      continue;
    }
    if (expectation.kind === 'bad') {
      badCount++;
      const own = expectation.copy ? tests.filter((t) => t.file === expectation.copy) : tests;
      const failed = failedTasks(own);
      if (expectation.referenceCopy && !checkedBatches.has(expectation.project.name)) {
        checkedBatches.add(expectation.project.name);
        step.problems.push(...checkReferenceCopy(expectation, tests, byProject.get('solutions') ?? []));
      }
      if (own.length === 0) step.problems.push(`${expectation.name}: no test ran`);
      else if (failed.size === 0) step.problems.push(`${expectation.name} passed every task, but it has a bug: ${expectation.bug}`);
      continue;
    }
    const suites = new Map<string, TestRecord[]>();
    for (const t of tests) suites.set(t.file, [...(suites.get(t.file) ?? []), t]);
    for (const exercise of expectation.project.include) {
      const suiteTests = suites.get(exercise) ?? [];
      const ex = exercises.find((e) => rel(e.suitePath) === exercise);
      const declared = ex?.meta.tasks.map((t) => t.title) ?? [];
      if (suiteTests.length === 0) continue; // a missing suite is reported by the metadata step
      if (expectation.kind === 'solutions') {
        const seen = new Set(suiteTests.map((t) => t.task ?? '(outside any describe)'));
        for (const title of declared) if (!seen.has(title)) step.problems.push(`${exercise}: task "${title}" in chapter.ts has no top-level describe in the suite`);
        for (const title of seen) if (!declared.includes(title)) step.problems.push(`${exercise}: top-level describe "${title}" is not a task in chapter.ts`);
        for (const t of suiteTests) {
          if (t.state === 'skipped' || t.state === 'pending') step.problems.push(`${exercise} › ${t.name} is skipped; graded suites keep no skipped tests`);
          if (t.state === 'failed') step.problems.push(`${exercise} › ${t.name} fails on the reference solution: ${t.errors[0]?.message ?? ''}`);
        }
      } else {
        const failed = failedTasks(suiteTests);
        for (const title of declared) {
          if (!failed.has(title)) step.problems.push(`${exercise}: task "${title}" passes on the pristine stub; it must fail until the learner implements it`);
        }
      }
    }
    step.summary = `${suites.size} suite(s), ${tests.length} test(s)`;
  }
  steps.bad.summary = `${badCount} known-bad implementation(s)`;
  for (const error of results.unhandledErrors) steps.solutions.problems.push(`unhandled error during the run: ${error.message}`);
  const kinds = new Set(expectations.map((e) => e.kind));
  return (Object.keys(steps) as Expectation['kind'][]).filter((k) => kinds.has(k)).map((k) => steps[k]);
}

/**
 * A batch's known-bad results count only if its copy of the suite, run on the reference, passes
 * the same tests as the suite itself (a copy that lost tests or an import would catch anything).
 */
function checkReferenceCopy(expectation: Expectation, batchTests: TestRecord[], solutionTests: TestRecord[]): string[] {
  const copy = batchTests.filter((t) => t.file === expectation.referenceCopy);
  const suite = rel(expectation.exercise!.suitePath);
  const original = solutionTests.filter((t) => t.file === suite);
  const failed = copy.filter((t) => t.state !== 'passed');
  if (failed.length > 0) {
    const first = failed[0]!;
    return [`${expectation.project.name}: the batch's copy of ${suite} fails on the reference (${first.name}: ${first.errors[0]?.message ?? first.state}), so it cannot judge the known-bad implementations`];
  }
  if (original.length > 0 && copy.length !== original.length) {
    return [`${expectation.project.name}: the batch's copy of ${suite} ran ${copy.length} test(s) on the reference, the suite itself ${original.length}`];
  }
  return [];
}

function failedTasks(tests: TestRecord[]): Set<string> {
  return new Set(tests.filter((t) => t.state === 'failed').map((t) => t.task ?? '(outside any describe)'));
}


export const CHECK_USAGE = 'npm test [-- <chapter>[/<exercise>]] [--skip-typecheck]';

async function main(argv: string[]): Promise<number> {
  const { options, positionals } = parseCommand(argv, { usage: CHECK_USAGE, options: { 'skip-typecheck': 'flag' }, positionals: { max: 1 } });
  const skipTypecheck = options['skip-typecheck'] === true;
  const filter = positionals[0];
  const started = Date.now();
  const results: StepResult[] = [];
  let stepStarted = started;
  const report = (step: StepResult): void => {
    results.push(step);
    const mark = step.problems.length === 0 ? pc.green('✓') : pc.red('✗');
    // Each step's own time, so a slow run shows where it went.
    const took = pc.dim(` (${((Date.now() - stepStarted) / 1000).toFixed(1)}s)`);
    stepStarted = Date.now();
    console.log(`${mark} ${step.name}${step.summary ? pc.dim(` — ${step.summary}`) : ''}${took}`);
    for (const problem of step.problems.slice(0, 40)) console.log(`    ${pc.red('•')} ${problem}`);
    if (step.problems.length > 40) console.log(`    … and ${step.problems.length - 40} more`);
  };

  const all = await loadExercises();
  const exercises = selectExercises(all, filter);
  if (filter && exercises.length === 0) throw new UsageError(`No exercise matches "${filter}"`, CHECK_USAGE);
  // The stubs first: with someone's work in chapters/, every later step (minutes of them) would be wasted.
  const stubs = checkStubs(exercises);
  report(stubs);
  if (stubs.problems.length > 0) {
    console.log(pc.red(`\nStopped after the stubs check (${((Date.now() - started) / 1000).toFixed(1)}s): the other checks need the committed stubs. Each • above says what to do.`));
    return 1;
  }
  // On the whole workbook, the site builds while tsc runs: two processes for two cores.
  mkdirSync(WORK_DIR, { recursive: true });
  const siteBuild = filter ? undefined : buildSharedSite();
  if (!skipTypecheck) {
    const shown = progress('typecheck', 'tsc --noEmit over the whole workbook');
    const step = await typecheck();
    shown.done();
    report(step);
  }
  report(checkMetadata(exercises));
  report(await checkEquivalents(exercises, all));
  report(checkChapterPages(exercises));
  const { step: programs, gradable } = checkRequirements(exercises);
  report(programs);
  try {
    for (const step of await runSuites(gradable, !filter, await siteBuild)) report(step);
    if (siteBuild) for (const extra of extraSteps(() => siteBuild)) report(await extra());
  } finally {
    rmSync(WORK_DIR, { recursive: true, force: true });
  }

  const failed = results.filter((r) => r.problems.length > 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log();
  console.log(
    failed.length === 0
      ? pc.green(`The workbook checks out: ${results.length} checks passed in ${seconds}s.`)
      : pc.red(`${failed.length} of ${results.length} checks failed (${seconds}s). Each • above says what to fix.`),
  );
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

runMain(import.meta.url, main);
