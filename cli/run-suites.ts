import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunResults } from '../tools/results-reporter.ts';
import { ROOT } from '../tools/workbook-target.ts';
import type { ActivityEvent } from './activity-reporter.ts';

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

/**
 * Runs graded suites in a child vitest process guarded by a watchdog, so that no learner code
 * can hang or crash the grader. vitest can interrupt a promise that never settles (its test
 * timeout), but not a synchronous infinite loop: the worker never yields and the run never ends.
 * So when a run makes no progress for `idleSeconds`, its whole process group is killed, the
 * suites that had finished are run again together, and each unfinished suite runs alone under the
 * same watchdog. A suite that hangs alone is reported in `hung`, with the test that was running.
 *
 * @example
 * const run = await runSuites(['/…/test/00-getting-started/envelope.test.ts'], { idleSeconds: 15, scratchDir });
 * run.results.tests.length; // 13
 */
export async function runSuites(files: string[], options: RunOptions): Promise<SuiteRun> {
  const scratch = mkdtempSync(path.join(options.scratchDir, 'run-'));
  try {
    return await runGuarded(files, options, scratch, true);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function runGuarded(files: string[], options: RunOptions, scratch: string, split: boolean): Promise<SuiteRun> {
  const once = await runOnce(files, options, scratch);
  if (!once.timedOut) return once.run;
  if (files.length === 1 || !split) {
    if (files.length === 1) return { ...once.run, hung: [culprit(files[0]!, once.run.events, options.idleSeconds)] };
    // A batch that finished before hung this time: fall back to one suite at a time.
    return merge(await sequential(files, (file) => runGuarded([file], options, scratch, false)));
  }
  const finished = new Set(once.run.events.filter((e) => e.event === 'module-end').map((e) => e.file));
  const done = files.filter((file) => finished.has(file));
  const suspects = files.filter((file) => !finished.has(file));
  const parts: SuiteRun[] = [];
  if (done.length > 0) parts.push(await runGuarded(done, options, scratch, false));
  if (suspects.length === 1) {
    // Every other suite finished, so the one left is the culprit: no need to wait for it again.
    const file = suspects[0]!;
    parts.push({ results: emptyResults(), events: once.run.events.filter((e) => e.file === file), hung: [culprit(file, once.run.events, options.idleSeconds)], crashes: [] });
  } else {
    parts.push(...(await sequential(suspects, (file) => runGuarded([file], options, scratch, false))));
  }
  return merge(parts);
}

async function sequential<T>(items: string[], each: (item: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const item of items) out.push(await each(item));
  return out;
}

function culprit(file: string, events: ActivityEvent[], seconds: number): SuiteRun['hung'][number] {
  const started = events.filter((e): e is Extract<ActivityEvent, { event: 'test-start' }> => e.event === 'test-start' && e.file === file);
  const ended = new Set(events.filter((e) => e.event === 'test-end' && e.file === file).map((e) => (e as { name: string }).name));
  const running = started.find((e) => !ended.has(e.name));
  return running ? { file, test: { task: running.task, name: running.name }, seconds } : { file, seconds };
}

let counter = 0;

function runOnce(files: string[], options: RunOptions, scratch: string): Promise<{ run: SuiteRun; timedOut: boolean }> {
  const id = `${process.pid}-${++counter}`;
  const resultsFile = path.join(scratch, `results-${id}.json`);
  const activityFile = path.join(scratch, `activity-${id}.jsonl`);
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'cli/grade.vitest.config.ts'], {
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
    let lastSize = -1;
    let lastProgress = Date.now();
    let timedOut = false;
    const watchdog = setInterval(() => {
      const size = existsSync(activityFile) ? statSync(activityFile).size : 0;
      if (size !== lastSize) {
        lastSize = size;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > options.idleSeconds * 1000) {
        timedOut = true;
        stop(child.pid);
      }
    }, 100);
    child.on('close', () => {
      clearInterval(watchdog);
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
