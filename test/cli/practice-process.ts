import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../core/root.ts';

/**
 * `npm run practice` as a child process with piped stdin and stdout, as a script or CI would
 * run it. Each step waits for the output it expects (event-driven, never a sleep).
 */
export interface PracticeProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Sends one line of input. */
  send(line: string): void;
  /** Resolves with the index just past `text`, searching from `after`. */
  waitFor(text: string, after?: number): Promise<number>;
  /** Resolves with the exit code. */
  exited(): Promise<number | null>;
}

/** How long one step may wait for its output: generous, since a loaded machine starts tsx slowly. */
const WAIT_MS = 60_000;

export function startPractice(args: string[], env: NodeJS.ProcessEnv): PracticeProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'cli/workbook.ts', 'practice', ...args], { cwd: ROOT, env });
  let output = '';
  const waiters: Array<() => void> = [];
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let closed = false;
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      closed = true;
      for (const waiter of waiters.splice(0)) waiter();
      resolve(code);
    }),
  );
  return {
    child,
    output: () => output,
    send: (line) => child.stdin.write(`${line}\n`),
    waitFor: (text, after = 0) =>
      new Promise((resolve, reject) => {
        // A bound on the wait, so a missing line fails with the output instead of hanging.
        const timer = setTimeout(() => reject(new Error(`no "${text}" within ${WAIT_MS / 1000} s. The output so far:\n${output}`)), WAIT_MS);
        const check = (): void => {
          const at = output.indexOf(text, after);
          if (at >= 0) {
            clearTimeout(timer);
            resolve(at + text.length);
          } else if (closed) {
            clearTimeout(timer);
            reject(new Error(`the practice command ended (exit code ${child.exitCode}) before printing "${text}". Its output:\n${output}`));
          } else waiters.push(check);
        };
        check();
      }),
    exited: () => exit,
  };
}
