import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../core/root.ts';

/**
 * The grader's side of a vitest process kept warm between grades (cli/grader/runner.ts): `watch`
 * starts one, and each save costs a test run instead of a vitest start-up plus a test run. It is
 * its own process group, so the watchdog can stop it and every worker it forked; a stopped or
 * crashed runner is not used again (`usable` turns false), and the caller starts a new one.
 *
 * @example
 * const runner = new WarmRunner({ WORKBOOK_TARGET: '/…/chapters' });
 * await runner.run('/…/.workbook/tmp/run-x/vitest-1', ['/…/chapters/00-getting-started/envelope.ts']);
 * runner.stop();
 */
export class WarmRunner {
  #child: ChildProcessWithoutNullStreams;
  #ready: Promise<boolean>;
  #waiting: Array<(line: string | undefined) => void> = [];
  #output = '';
  #exited = false;

  constructor(env: NodeJS.ProcessEnv) {
    this.#child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/grader/runner.ts')], {
      cwd: ROOT,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env, FORCE_COLOR: '0' },
    });
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString('utf8')).slice(-16 * 1024);
    });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) this.#waiting.shift()?.(line);
    });
    this.#child.on('exit', () => {
      this.#exited = true;
      for (const waiter of this.#waiting.splice(0)) waiter(undefined);
    });
    this.#ready = this.#next().then((line) => line !== undefined);
  }

  /** Whether it can take a run: started (or starting) and not stopped. */
  get usable(): boolean {
    return !this.#exited;
  }

  /** The end of what it printed on stderr, for a crash report. */
  get output(): string {
    return this.#output;
  }

  /**
   * Runs the plan in `dir` (run-files.ts) after invalidating `changed` files, and resolves once
   * the run has written its results, or with `false` when the runner died first.
   */
  async run(dir: string, changed: string[]): Promise<boolean> {
    if (!(await this.#ready) || this.#exited) return false;
    const done = this.#next();
    this.#child.stdin.write(`${JSON.stringify({ dir, invalidate: changed })}\n`);
    return (await done) !== undefined;
  }

  /** Stops it and every worker it started. */
  stop(): void {
    if (this.#exited || this.#child.pid === undefined) return;
    try {
      process.kill(-this.#child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    this.#exited = true;
  }

  #next(): Promise<string | undefined> {
    if (this.#exited) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}
