import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResults } from '../core/results-reporter.ts';
import { ROOT } from '../core/root.ts';
import type { GradeEvent } from './grader/events-reporter.ts';
import { RUN_DIR_ENV, type RunPlan, runFiles, type SkipRule } from './grader/run-files.ts';
import type { WarmRunner } from './warm-runner.ts';

/** A test (or, without `test`, a suite's top level) that never finished, stopped by the watchdog. */
export interface Hang {
  file: string;
  test?: { task: string | undefined; name: string; fullName: string };
  seconds: number;
}

/** How a batch of graded suites ran: vitest's results plus what the grader saw itself. */
export interface SuiteRun {
  /** Results of every suite's last complete run (paths relative to the repository root). */
  results: RunResults;
  /** Events of each suite's last run, including runs the watchdog stopped. */
  events: GradeEvent[];
  /** Every test that never finished, in the order they were found; a suite can have several. */
  hung: Hang[];
  /** Suites the grader gave up re-running after {@link MAX_HANGS_PER_SUITE} hangs, or whose top level hung. */
  abandoned: string[];
  /** A run that ended without results for another reason (vitest itself failed): its output. */
  crashes: string[];
}

export interface RunOptions {
  /** Seconds without any progress (no test starting or ending) before a run is stopped. */
  idleSeconds: number;
  env?: NodeJS.ProcessEnv;
  /** Where scratch files go; each vitest run gets a folder inside (see grader/run-files.ts). */
  scratchDir: string;
  /** Called with each event as the run goes (to show progress). */
  onEvent?: (event: GradeEvent) => void;
  /** A vitest process kept warm (watch): used while it is usable, instead of starting vitest. */
  runner?: WarmRunner;
  /** The files that may have changed since the runner's last run (it re-reads them). */
  changed?: string[];
}

/** After this many tests of one suite time out, the rest of the suite is not run. */
export const TIMEOUT_LIMIT = 2;
/** After this many tests of one suite hang, the suite is not run again. */
export const MAX_HANGS_PER_SUITE = 3;

const OUTPUT_LIMIT = 64 * 1024;
const STARTUP_SECONDS = 60;

/**
 * Runs graded suites in a child vitest process guarded by a watchdog, so that no learner code
 * can hang or crash the grader. vitest can interrupt a promise that never settles (its test
 * timeout; after {@link TIMEOUT_LIMIT} of those a suite stops early), but not a synchronous
 * infinite loop: the worker never yields and the run never ends. So when a run makes no progress
 * for `idleSeconds`, its whole process group is killed. The test that was running is the culprit:
 * it is reported in `hung`, and its suite runs again without the culprit's task, so that the
 * tasks it never reached are still graded (up to {@link MAX_HANGS_PER_SUITE} times). The other
 * suites of the stopped run run again together, under the same watchdog.
 *
 * Set `WORKBOOK_DEBUG=1` to see each vitest run start and end on stderr.
 *
 * @example
 * const run = await runSuites(['/…/test/00-getting-started/envelope.test.ts'], { idleSeconds: 15, scratchDir });
 * run.results.tests.length; // 13
 */
export async function runSuites(files: string[], options: RunOptions): Promise<SuiteRun> {
  mkdirSync(options.scratchDir, { recursive: true });
  const scratch = mkdtempSync(path.join(options.scratchDir, 'run-'));
  const state: GuardState = { hung: [], skip: [], abandoned: [], runs: 0 };
  try {
    const run = await runGuarded(files, options, scratch, state);
    return { ...run, hung: state.hung, abandoned: state.abandoned };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface GuardState {
  hung: Hang[];
  skip: SkipRule[];
  abandoned: string[];
  runs: number;
}

type Part = Omit<SuiteRun, 'hung' | 'abandoned'>;

async function runGuarded(files: string[], options: RunOptions, scratch: string, state: GuardState): Promise<Part> {
  const once = await runOnce(files, options, scratch, state);
  if (!once.timedOut) return once.run;
  const events = once.run.events;
  const finished = new Set(events.filter((e) => e.event === 'module-end' || e.event === 'file-end').map((e) => e.file));
  // A worker writes `file-start` before it imports a suite, so a suite that started and never
  // finished is where a worker is stuck; suites still queued behind it are innocent.
  const stuck = new Set(events.filter((e) => (e.event === 'file-start' || e.event === 'test-start') && !finished.has(e.file!)).map((e) => e.file!));
  if (stuck.size === 0) {
    // Nothing says where it stopped (vitest never started a suite): try each suite alone.
    if (files.length === 1) {
      state.hung.push(culprit(files[0]!, events, options.idleSeconds));
      state.abandoned.push(files[0]!);
      return once.run;
    }
    return merge(await sequential(files, (file) => runGuarded([file], options, scratch, state)));
  }
  const parts: Part[] = [];
  const again: string[] = [];
  for (const file of stuck) {
    const hang = culprit(file, events, options.idleSeconds);
    state.hung.push(hang);
    const count = state.hung.filter((h) => h.file === file).length;
    if (hang.test && count < MAX_HANGS_PER_SUITE) {
      // Run it again without the task that hung (the task has failed anyway), so that the tasks
      // the loop kept from running are graded too.
      const reason = `not run: "${hang.test.name}" never finished, so the grader ran the other tasks without this one`;
      state.skip.push(hang.test.task !== undefined ? { file, task: hang.test.task, reason } : { file, test: hang.test.fullName, reason });
      again.push(file);
    } else {
      state.abandoned.push(file);
      parts.push({ results: emptyResults(), events: events.filter((e) => e.file === file), crashes: [] });
    }
  }
  const rest = [...files.filter((file) => !stuck.has(file)), ...again];
  // The others run again together, under the same watchdog (each round removes a culprit).
  if (rest.length > 0) parts.push(await runGuarded(rest, options, scratch, state));
  return merge(parts);
}

async function sequential<T>(items: string[], each: (item: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const item of items) out.push(await each(item));
  return out;
}

function culprit(file: string, events: GradeEvent[], seconds: number): Hang {
  // The worker writes each test's start synchronously, so the last one it wrote is the one it is stuck in.
  const started = events.filter((e): e is Extract<GradeEvent, { event: 'test-start' }> => e.event === 'test-start' && e.file === file);
  const ended = new Set(events.filter((e): e is Extract<GradeEvent, { event: 'test-end' }> => e.event === 'test-end' && e.file === file).map((e) => e.fullName));
  const last = started.at(-1);
  const running = last && !ended.has(last.fullName) ? last : undefined;
  return running ? { file, test: { task: running.task, name: running.name, fullName: running.fullName }, seconds } : { file, seconds };
}

function runOnce(files: string[], options: RunOptions, scratch: string, state: GuardState): Promise<{ run: Part; timedOut: boolean }> {
  const id = ++state.runs;
  const run = runFiles(path.join(scratch, `vitest-${id}`));
  mkdirSync(run.dir, { recursive: true });
  const plan: RunPlan = { files, skip: state.skip.filter((rule) => files.includes(rule.file)), timeoutLimit: TIMEOUT_LIMIT };
  writeFileSync(run.plan, JSON.stringify(plan));
  const warm = options.runner?.usable ? options.runner : undefined;
  if (process.env.WORKBOOK_DEBUG) console.error(`[grade] vitest run ${id}${warm ? ' (warm)' : ''}: ${files.length} suite(s), ${plan.skip.length} task(s) left out`);
  const vitest = warm ? warmRun(warm, run.dir, options.changed ?? []) : coldRun(run, options);
  const tail = new EventTail(run.events);

  return new Promise((resolve) => {
    let lastProgress = Date.now();
    let timedOut = false;
    const poll = (): void => {
      const before = tail.bytes;
      const fresh = tail.read();
      for (const event of fresh) options.onEvent?.(event);
      // Until vitest reports its first event it is still starting (slow on a busy machine):
      // that gets a longer allowance, since no learner code runs yet.
      const allowance = tail.events.length === 0 ? Math.max(STARTUP_SECONDS, options.idleSeconds) : options.idleSeconds;
      if (tail.bytes !== before) lastProgress = Date.now();
      else if (!timedOut && Date.now() - lastProgress > allowance * 1000) {
        timedOut = true;
        vitest.stop();
      }
    };
    const watchdog = setInterval(poll, 100);
    void vitest.finished.then(() => {
      clearInterval(watchdog);
      poll();
      tail.close();
      if (process.env.WORKBOOK_DEBUG) console.error(`[grade] vitest run ${id} ended${timedOut ? ' (stopped by the watchdog)' : ''}`);
      const results = !timedOut && existsSync(run.results) ? (JSON.parse(readFileSync(run.results, 'utf8')) as RunResults) : emptyResults();
      const crashes = !timedOut && !existsSync(run.results) ? [vitest.output().trim() || 'vitest stopped without a result'] : [];
      resolve({ run: { results, events: tail.events, crashes }, timedOut });
    });
  });
}

interface VitestRun {
  /** Settles when the run is over, whatever its outcome. */
  finished: Promise<unknown>;
  stop(): void;
  /** What it printed, for a crash report. */
  output(): string;
}

function warmRun(runner: WarmRunner, dir: string, changed: string[]): VitestRun {
  return { finished: runner.run(dir, changed), stop: () => runner.stop(), output: () => runner.output };
}

function coldRun(run: ReturnType<typeof runFiles>, options: RunOptions): VitestRun {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'cli/grader/vitest.config.ts'], {
    cwd: ROOT,
    // Its own process group, so the watchdog can stop vitest and every worker it forked.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, [RUN_DIR_ENV]: run.dir, WORKBOOK_RESULTS: run.results, FORCE_COLOR: '0' },
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8').slice(0, OUTPUT_LIMIT - output.length);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { finished: new Promise((resolve) => child.on('close', resolve)), stop: () => stop(child.pid), output: () => output };
}

/** Reads an events file as it grows: each call returns the complete lines written since the last. */
class EventTail {
  readonly events: GradeEvent[] = [];
  #file: string;
  #fd: number | undefined;
  #offset = 0;
  #partial = '';

  constructor(file: string) {
    this.#file = file;
  }

  read(): GradeEvent[] {
    if (this.#fd === undefined) {
      if (!existsSync(this.#file)) return [];
      this.#fd = openSync(this.#file, 'r');
    }
    const size = fstatSync(this.#fd).size;
    if (size <= this.#offset) return [];
    const buffer = Buffer.alloc(size - this.#offset);
    const read = readSync(this.#fd, buffer, 0, buffer.length, this.#offset);
    this.#offset += read;
    const lines = (this.#partial + buffer.subarray(0, read).toString('utf8')).split('\n');
    this.#partial = lines.pop() ?? '';
    const fresh: GradeEvent[] = [];
    for (const line of lines) {
      if (!line) continue;
      try {
        fresh.push(JSON.parse(line) as GradeEvent);
      } catch {
        // A line cut short by the kill.
      }
    }
    this.events.push(...fresh);
    return fresh;
  }

  /** How many bytes have been read so far: the file growing is the watchdog's heartbeat. */
  get bytes(): number {
    return this.#offset;
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}

function stop(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

function emptyResults(): RunResults {
  return { tests: [], modules: [], unhandledErrors: [], reason: 'interrupted' };
}

function merge(parts: Part[]): Part {
  return {
    results: {
      tests: parts.flatMap((p) => p.results.tests),
      modules: parts.flatMap((p) => p.results.modules),
      unhandledErrors: parts.flatMap((p) => p.results.unhandledErrors),
      reason: parts.every((p) => p.results.reason === 'passed') ? 'passed' : 'failed',
    },
    events: parts.flatMap((p) => p.events),
    crashes: parts.flatMap((p) => p.crashes),
  };
}
