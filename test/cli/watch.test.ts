import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { visibleLength } from '../../cli/wrap.ts';
import { ROOT } from '../../core/root.ts';
import { runCli } from './run-cli.ts';
import { makeScratchWorkbook, type ScratchCase, type ScratchWorkbook, SLUG } from './scratch-workbook.ts';

/**
 * `npm run watch` without a terminal (stdin and stdout are pipes): plain text, one command per
 * line. Each step waits for the output it expects, so the test follows the watcher's events and
 * never sleeps; a step that does not come within its bound fails with what was printed so far.
 */
const STEP_MS = 60_000;

interface Session {
  workbook: ScratchWorkbook;
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  output(): string;
  /** Resolves with the end of the first `text` printed after `after`. */
  waitFor(text: string, after: number): Promise<number>;
  send(line: string): void;
  exited(): Promise<number | null>;
}

const sessions: Session[] = [];

function startWatch(name: string, cases: ScratchCase[], env: NodeJS.ProcessEnv = {}): Session {
  const workbook = makeScratchWorkbook(name, cases);
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'cli/workbook.ts', 'watch'], { cwd: ROOT, env: { ...workbook.env, ...env } });
  let output = '';
  const waiters: Array<() => void> = [];
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const session: Session = {
    workbook,
    child,
    output: () => output,
    waitFor: (text, after) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`watch never printed ${JSON.stringify(text)} after offset ${after}; it printed:\n${output.slice(after)}`)), STEP_MS);
        const check = (): void => {
          const at = output.indexOf(text, after);
          if (at >= 0) {
            clearTimeout(timer);
            resolve(at + text.length);
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(new Error(`watch exited (${child.exitCode}) before printing ${JSON.stringify(text)}:\n${output.slice(after)}`));
          } else waiters.push(check);
        };
        check();
      }),
    send: (line) => child.stdin.write(`${line}\n`),
    exited: () => new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve))),
  };
  child.on('exit', () => {
    for (const waiter of waiters.splice(0)) waiter();
  });
  sessions.push(session);
  return session;
}

afterEach(() => {
  for (const session of sessions.splice(0)) {
    if (process.env.WATCH_DEBUG) console.error(session.output());
    session.child.kill();
    session.workbook.remove();
  }
});

const solution = (workbook: ScratchWorkbook, id: string): string => readFileSync(path.join(workbook.root, 'solutions', SLUG, `${id}.ts`), 'utf8');
const fixture = (name: string): string => readFileSync(path.join(ROOT, 'test', 'cli', 'fixtures', `${name}.ts.txt`), 'utf8');

describe('watch without a terminal', () => {
  it('starts at the first exercise not passed, re-grades it on save, takes keys as lines, and quits', async () => {
    const s = startWatch('watch', [
      { id: 'first', learner: 'stub' },
      { id: 'second', learner: 'stub' },
    ]);
    let at = await s.waitFor(`${SLUG}/first — `, 0);
    at = await s.waitFor('not started', at);
    expect(s.output(), 'plain output: no screen-clearing escape codes').not.toContain('\u001b[2J');
    expect(s.output()).toContain('[------------------------------] 0/2 exercises pass');

    s.send('h');
    at = await s.waitFor('Hint 1 of 3', at);

    // Save the reference solution over the stub, as a learner's editor would.
    writeFileSync(s.workbook.learnerFile('first'), solution(s.workbook, 'first'));
    at = await s.waitFor('1/2 exercises pass', at);
    at = await s.waitFor('Passed! 5/5 points.', at);

    s.send('n');
    at = await s.waitFor(`${SLUG}/second — `, at);

    s.send('r');
    at = await s.waitFor('Press y to reset', at);
    s.send('x');
    at = await s.waitFor('Reset cancelled; your file is unchanged.', at);

    s.send('q');
    await s.waitFor('Bye.', at);
    expect(await s.exited()).toBe(0);
  }, 240_000);

  it('keeps seeing a file however it is saved: rename over it, delete and create it, write it in place, restore it by reset', async () => {
    const s = startWatch('saves', [{ id: 'saved', learner: 'stub' }]);
    const file = s.workbook.learnerFile('saved');
    const wrong = fixture('wrong-field');
    const right = solution(s.workbook, 'saved');
    /** Saves `text` by writing a temporary file and renaming it over the original (Emacs, JetBrains, sed -i, vim with backupcopy=no). */
    const renameOver = (text: string, n: number): void => {
      const temporary = path.join(path.dirname(file), `.saved.ts.${n}.tmp`);
      writeFileSync(temporary, text);
      renameSync(temporary, file);
    };
    let at = await s.waitFor('not started', 0);

    // Two saves by rename in a row: before the fix, the second one went unseen.
    renameOver(wrong, 1);
    at = await s.waitFor('3/5 points. Save the file to grade it again.', at);
    renameOver(right, 2);
    at = await s.waitFor('Passed! 5/5 points.', at);
    renameOver(wrong, 3);
    at = await s.waitFor('3/5 points. Save the file to grade it again.', at);

    // Delete, then create.
    rmSync(file);
    at = await s.waitFor('file missing', at);
    writeFileSync(file, right);
    at = await s.waitFor('Passed! 5/5 points.', at);

    // An in-place write: the same file, truncated and rewritten.
    writeFileSync(file, wrong);
    at = await s.waitFor('3/5 points. Save the file to grade it again.', at);

    // Restored by the reset key: the stub comes back, and is seen.
    s.send('r');
    at = await s.waitFor('Press y to reset', at);
    s.send('y');
    at = await s.waitFor('not started', at);
    expect(s.output().slice(at - 400)).toContain('Your version is saved at');

    // Saved again after the reset, and restored by the reset command from another terminal.
    writeFileSync(file, right);
    at = await s.waitFor('Passed! 5/5 points.', at);
    const reset = await runCli(['reset', 'saved'], s.workbook.env);
    expect(reset.code, reset.stderr).toBe(0);
    at = await s.waitFor('not started', at);

    s.send('q');
    await s.waitFor('Bye.', at);
  }, 240_000);

  it('after the watchdog stops a run that loops forever, the next save is graded as usual', async () => {
    const s = startWatch('loops', [{ id: 'loops', learner: { fixture: 'infinite-loop' } }], { WORKBOOK_WATCHDOG_SECONDS: '3' });
    let at = await s.waitFor('did not finish within 3s: an infinite loop?', 0);
    at = await s.waitFor('Save the file to grade it again.', at);
    writeFileSync(s.workbook.learnerFile('loops'), solution(s.workbook, 'loops'));
    at = await s.waitFor('Passed! 5/5 points.', at);
    writeFileSync(s.workbook.learnerFile('loops'), fixture('wrong-field'));
    at = await s.waitFor('3/5 points. Save the file to grade it again.', at);
    s.send('q');
    await s.waitFor('Bye.', at);
  }, 240_000);

  it('h offers the next hint as a key, not a command, and long text is wrapped to the width at word boundaries', async () => {
    const long =
      'readEnvelope receives untrusted input, so test each step before you use it: is it a non-null object? Is its header a non-null object? Only then compare header.type with expectedType and throw an EnvelopeError otherwise.';
    const s = startWatch('wrap', [{ id: 'wrapped', learner: { fixture: 'wrong-field' }, hints: [long, 'The second hint.'] }], { COLUMNS: '60' });
    let at = await s.waitFor('Save the file to grade it again.', 0);
    s.send('h');
    at = await s.waitFor('Press h for the next one.', at);
    const printed = s.output().replace(/\u001b\[[0-9;]*m/g, '');
    expect(printed).not.toContain('npm run workbook -- hint wrapped again');
    const drawings = /[│─┌└╭╰]/;
    // A single word longer than the line (a long path) is kept whole rather than cut.
    const tooWide = printed.split('\n').filter((line) => visibleLength(line) > 60 && !drawings.test(line) && line.trim().includes(' '));
    expect(tooWide, 'every line of prose fits in 60 columns').toEqual([]);
    // Joined back, the hint reads whole: no word was cut in two.
    const hint = printed.slice(printed.lastIndexOf('Hint 1 of 2'));
    expect(hint.split('\n').slice(1, 6).map((line) => line.trim()).join(' ')).toContain(long);
    s.send('q');
    await s.waitFor('Bye.', at);
  }, 240_000);
});
