import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../core/root.ts';
import { makePracticeScratch, type PracticeScratch } from './practice-scratch.ts';

/**
 * `npm run practice` in a real terminal: tmux gives the command a pseudo-terminal of 100×40,
 * the test types keys into it and reads the screen back. Each step waits, with a bound, for
 * what the screen must show next.
 */

const tmuxAvailable = spawnSync('tmux', ['-V']).status === 0;
const requiredInCi = process.env.CI === 'true' || process.env.CI === '1';
const SUITE = tmuxAvailable || requiredInCi
  ? 'npm run practice in a terminal (tmux)'
  : 'npm run practice in a terminal (tmux) — skipped: tmux is not installed (apt-get install -y tmux)';
const SLOW = 180_000;
const WAIT_MS = 60_000;
// The tmux server's socket lives in a folder of this run's own, removed with it.
let socketDir: string;
let socket: string;

let scratch: PracticeScratch;
let sessions = 0;

function tmux(...args: string[]): string {
  // A real terminal shows colour: the tmux server gets no NO_COLOR.
  const env = { ...process.env };
  delete env.NO_COLOR;
  const result = spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * One command running in its own tmux window, kept on screen after it exits. A control-mode
 * client (`tmux -C`) reports every write to the pane as a `%output` line, so the test reads the
 * screen again exactly when something changed on it, never on a timer.
 */
class Screen {
  readonly name: string;
  #control: ChildProcessWithoutNullStreams;
  #waiters = new Set<() => void>();

  constructor(args: string[]) {
    this.name = `practice-${++sessions}`;
    const config = path.join(scratch.root, 'tmux.conf');
    writeFileSync(config, 'set -g remain-on-exit on\nset -g history-limit 5000\n');
    const vars = ['WORKBOOK_ROOT', 'WORKBOOK_TARGET'].flatMap((name) => ['-e', `${name}=${scratch.env[name]}`]);
    // The shell prints the exit status after the command, so its end is on the screen too.
    const practice = [process.execPath, path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'cli/workbook.ts', 'practice', ...args].map((a) => `'${a}'`).join(' ');
    const command = `${practice}; echo "[practice exited with status $?]"`;
    tmux('-f', config, 'new-session', '-d', '-s', this.name, '-x', '100', '-y', '40', '-c', ROOT, ...vars, '-e', 'TERM=xterm-256color', command);
    this.#control = spawn('tmux', ['-S', socket, '-C', 'attach', '-t', this.name]);
    this.#control.stdout.on('data', () => {
      for (const waiter of [...this.#waiters]) waiter();
    });
  }

  text(): string {
    return tmux('capture-pane', '-p', '-t', this.name);
  }

  /** Waits (at most a minute) until the screen satisfies `test`; returns the screen. */
  until(what: string, test: (screen: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        this.#waiters.delete(check);
        clearTimeout(timer);
      };
      const check = (): void => {
        const screen = this.text();
        if (test(screen)) {
          done();
          resolve(screen);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`the screen never showed ${what}. It shows:\n${this.text()}`));
      }, WAIT_MS);
      this.#waiters.add(check);
      check();
    });
  }

  close(): void {
    this.#control.kill();
  }

  shows(text: string): Promise<string> {
    return this.until(`"${text}"`, (screen) => screen.includes(text));
  }

  keys(...keys: string[]): void {
    tmux('send-keys', '-t', this.name, ...keys);
  }

  type(text: string): void {
    tmux('send-keys', '-t', this.name, '-l', text);
  }

  /** Waits for the command to exit and returns its status. */
  async exitStatus(): Promise<number> {
    const ended = /\[practice exited with status (\d+)\]/;
    const screen = await this.until('the command exiting', (text) => ended.test(text));
    this.close();
    return Number(ended.exec(screen)![1]);
  }
}

describe.skipIf(!tmuxAvailable && !requiredInCi)(SUITE, () => {
  beforeAll(() => {
    socketDir = mkdtempSync(path.join(os.tmpdir(), 'workbook-tmux-'));
    socket = path.join(socketDir, 'tmux.sock');
  });
  beforeEach(() => {
    scratch = makePracticeScratch('practice-tty');
  });
  afterEach(() => scratch.remove());
  afterAll(() => {
    spawnSync('tmux', ['-S', socket, 'kill-server']);
    rmSync(socketDir, { recursive: true, force: true });
  });

  it('reviews with single keys: Space shows the key points, a the answer, 3 rates Good, q quits', async () => {
    const screen = new Screen([]);
    await screen.shows('Space the key points · a the full answer · q quit');
    expect(screen.text()).toContain('What is a visibility timeout?');
    expect(screen.text()).not.toContain('It is the lease length.');
    screen.keys('Space');
    let text = await screen.shows('How well did you recall it?');
    expect(text).toContain('• It is the lease length.');
    expect(text.replace(/\u00a0/g, ' ')).toContain('3 Good (10 minutes)');
    screen.keys('a');
    text = await screen.shows('Real-world scenario');
    expect(text, 'inline code in colour, without its backticks').toContain('The concept of answer 1, with code.');
    screen.keys('3');
    text = await screen.shows('What is a dead-letter queue?');
    expect(text).toContain('Good: next review in 10 minutes');
    expect(text, 'the screen is redrawn for each card').not.toContain('What is a visibility timeout?');
    screen.keys('q');
    await screen.shows('Done for now: 1 card reviewed.');
    expect(await screen.exitStatus()).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(scratch.stateDir, 'practice.json'), 'utf8'));
    expect(Object.keys(saved.cards)).toEqual(['01-alpha/what-is-a-visibility-timeout']);
  }, SLOW);

  it('runs a mock interview with a countdown, a typed answer and a checklist of key points', async () => {
    // Two minutes, so that a busy machine cannot run the clock out before the answer is typed.
    const screen = new Screen(['--mock', '1', '--minutes', '2', '--chapter', '02']);
    const countdown = (text: string): number | undefined => {
      const match = /(\d+):(\d\d) left/.exec(text);
      return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
    };
    const first = countdown(await screen.until('a countdown', (s) => countdown(s) !== undefined))!;
    expect(first).toBeLessThanOrEqual(120);
    await screen.until('the countdown going down', (s) => (countdown(s) ?? first) < first);
    screen.type('Bounded buffers');
    await screen.shows('Bounded buffers█');
    screen.keys('Enter', 'Enter');
    await screen.shows('Which key points did your answer make?');
    screen.keys('2');
    await screen.shows('[x] 2');
    screen.keys('Enter');
    const text = await screen.shows('Your answers: .workbook/mock/');
    expect(text).toContain('Mock interview finished: 1 question');
    expect(text).toContain('key points 1 of 4');
    expect(await screen.exitStatus()).toBe(0);
    const files = readdirSync(path.join(scratch.stateDir, 'mock'));
    const answers = readFileSync(path.join(scratch.stateDir, 'mock', files[0]!), 'utf8');
    expect(answers).toContain('Bounded buffers');
    expect(answers).toContain('- [x] A bounded buffer plus a signal.');
  }, SLOW);

  it('moves on to the checklist when the time runs out', async () => {
    const screen = new Screen(['--mock', '1', '--minutes', '0.05']);
    await screen.shows('left');
    await screen.shows('Which key points did your answer make?');
    screen.keys('Enter');
    await screen.shows('(time ran out)');
    expect(await screen.exitStatus()).toBe(0);
    expect(existsSync(path.join(scratch.stateDir, 'mock'))).toBe(true);
  }, SLOW);
});
