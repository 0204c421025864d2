import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunResults } from '../core/results-reporter.ts';
import { ROOT } from '../core/root.ts';
import type { ActivityEvent } from './grader/activity-reporter.ts';

/** How a batch of graded suites ran: vitest's results plus what the grader saw itself. */
export interface SuiteRun {
  /** Merged results of every vitest run that finished (paths relative to the repository root). */
  results: RunResults;
  /** Activity events of every run, including runs the watchdog stopped. */
  events: ActivityEvent[];
  /** Suites (absolute paths) that stopped making progress and were killed, even when run alone. */
  hung: Array<{ file: string; test?: { task: string | undefined; name: string }; seconds: number }>;
  /** A run that ended without results for another reason (vitest itself failed): its output. */
  crashes: string[];
}

export interface RunOptions {
  /** Seconds without any progress (no test starting or ending) before a run is stopped. */
  idleSeconds: number;
  env?: NodeJS.ProcessEnv;
  /** Where scratch files go (results, activity logs); a temporary folder is made inside. */
  scratchDir: string;
}

const OUTPUT_LIMIT = 64 * 1024;
const STARTUP_SECONDS = 60;

/**
 * Runs graded suites in a child vitest process guarded by a watchdog, so that no learner code
 * can hang or crash the grader. vitest can interrupt a promise that never settles (its test
 * timeout), but not a synchronous infinite loop: the worker never yields and the run never ends.
 * So when a run makes no progress for `idleSeconds`, its whole process group is killed. The
 * suites a worker had started and not finished are the culprits: they are reported in `hung`,
 * with the test that was running and what had passed before it. Every other suite runs again,
 * together, under the same watchdog, so one infinite loop costs one extra run, not one per suite.
 *
 * Set `WORKBOOK_DEBUG=1` to see each vitest run start and end on stderr.
 *
 * @example
 * const run = await runSuites(['/…/test/00-getting-started/envelope.test.ts'], { idleSeconds: 15, scratchDir });
 * run.results.tests.length; // 13
 */
export async function runSuites(files: string[], options: RunOptions): Promise<SuiteRun> {
  const scratch = mkdtempSync(path.join(options.scratchDir, 'run-'));
  try {
    return await runGuarded(files, options, scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function runGuarded(files: string[], options: RunOptions, scratch: string): Promise<SuiteRun> {
  const once = await runOnce(files, options, scratch);
  if (!once.timedOut) return once.run;
  const events = once.run.events;
  const finished = new Set(events.filter((e) => e.event === 'module-end' || e.event === 'file-end').map((e) => e.file));
  // A worker writes `file-start` before it imports a suite, so a suite that started and never
  // finished is where a worker is stuck; suites still queued behind it are innocent.
  const stuck = new Set(events.filter((e) => (e.event === 'file-start' || e.event === 'test-start') && !finished.has(e.file!)).map((e) => e.file!));
  if (stuck.size === 0) {
    // Nothing says where it stopped (vitest never started a suite): try each suite alone.
    if (files.length === 1) return { ...once.run, hung: [culprit(files[0]!, events, options.idleSeconds)] };
    return merge(await sequential(files, (file) => runGuarded([file], options, scratch)));
  }
  const parts: SuiteRun[] = [...stuck].map((file) => ({
    results: emptyResults(),
    events: events.filter((e) => e.file === file),
    hung: [culprit(file, events, options.idleSeconds)],
    crashes: [],
  }));
  const rest = files.filter((file) => !stuck.has(file));
  // The others run again together, under the same watchdog (each round removes a culprit).
  if (rest.length > 0) parts.push(await runGuarded(rest, options, scratch));
  return merge(parts);
}

async function sequential<T>(items: string[], each: (item: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const item of items) out.push(await each(item));
  return out;
}

function culprit(file: string, events: ActivityEvent[], seconds: number): SuiteRun['hung'][number] {
  // The worker writes each test's start synchronously, so the last one it wrote is the one it is stuck in.
  const started = events.filter((e): e is Extract<ActivityEvent, { event: 'test-start' }> => e.event === 'test-start' && e.file === file);
  const ended = new Set(events.filter((e) => e.event === 'test-end' && e.file === file).map((e) => (e as { name: string }).name));
  const last = started.at(-1);
  const running = last && !ended.has(last.name) ? last : undefined;
  return running ? { file, test: { task: running.task, name: running.name }, seconds } : { file, seconds };
}

let counter = 0;

function runOnce(files: string[], options: RunOptions, scratch: string): Promise<{ run: SuiteRun; timedOut: boolean }> {
  const id = `${process.pid}-${++counter}`;
  const resultsFile = path.join(scratch, `results-${id}.json`);
  const activityFile = path.join(scratch, `activity-${id}.jsonl`);
  if (process.env.WORKBOOK_DEBUG) console.error(`[grade] vitest run ${id}: ${files.length} suite(s)`);
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'cli/grader/vitest.config.ts'], {
    cwd: ROOT,
    // Its own process group, so the watchdog can stop vitest and every worker it forked.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.env,
      WORKBOOK_GRADE_FILES: JSON.stringify(files),
      WORKBOOK_RESULTS: resultsFile,
      WORKBOOK_ACTIVITY: activityFile,
      FORCE_COLOR: '0',
    },
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8').slice(0, OUTPUT_LIMIT - output.length);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  return new Promise((resolve) => {
    let lastSize = 0;
    let lastProgress = Date.now();
    let timedOut = false;
    const watchdog = setInterval(() => {
      const size = existsSync(activityFile) ? statSync(activityFile).size : 0;
      // Until vitest reports its first event it is still starting (slow on a busy machine):
      // that gets a longer allowance, since no learner code runs yet.
      const allowance = size === 0 ? Math.max(STARTUP_SECONDS, options.idleSeconds) : options.idleSeconds;
      if (size !== lastSize) {
        lastSize = size;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > allowance * 1000) {
        timedOut = true;
        stop(child.pid);
      }
    }, 100);
    child.on('close', () => {
      clearInterval(watchdog);
      if (process.env.WORKBOOK_DEBUG) console.error(`[grade] vitest run ${id} ended${timedOut ? ' (stopped by the watchdog)' : ''}`);
      const events = readEvents(activityFile);
      const results = !timedOut && existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults) : emptyResults();
      const crashes = !timedOut && !existsSync(resultsFile) ? [output.trim() || 'vitest stopped without a result'] : [];
      resolve({ run: { results, events, hung: [], crashes }, timedOut });
    });
  });
}

function stop(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

function readEvents(file: string): ActivityEvent[] {
  if (!existsSync(file)) return [];
  const events: ActivityEvent[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      events.push(JSON.parse(line) as ActivityEvent);
    } catch {
      // A line cut short by the kill.
    }
  }
  return events;
}

function emptyResults(): RunResults {
  return { tests: [], modules: [], unhandledErrors: [], reason: 'interrupted' };
}

function merge(parts: SuiteRun[]): SuiteRun {
  return {
    results: {
      tests: parts.flatMap((p) => p.results.tests),
      modules: parts.flatMap((p) => p.results.modules),
      unhandledErrors: parts.flatMap((p) => p.results.unhandledErrors),
      reason: parts.every((p) => p.results.reason === 'passed') ? 'passed' : 'failed',
    },
    events: parts.flatMap((p) => p.events),
    hung: parts.flatMap((p) => p.hung),
    crashes: parts.flatMap((p) => p.crashes),
  };
}
