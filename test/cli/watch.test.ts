import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../core/root.ts';
import { makeScratchWorkbook, type ScratchWorkbook, SLUG } from './scratch-workbook.ts';

/**
 * `npm run watch` without a terminal (stdin and stdout are pipes): plain text, one command per
 * line. Each step waits for the output it expects, so the test follows the watcher's events and
 * never sleeps.
 */
let workbook: ScratchWorkbook;
let child: ChildProcessWithoutNullStreams;
let output = '';
const waiters: Array<() => void> = [];

function waitFor(text: string, after = 0): Promise<number> {
  return new Promise((resolve) => {
    const check = (): void => {
      const at = output.indexOf(text, after);
      if (at < 0) waiters.push(check);
      else resolve(at + text.length);
    };
    check();
  });
}

beforeAll(() => {
  workbook = makeScratchWorkbook('watch', [
    { id: 'first', learner: 'stub' },
    { id: 'second', learner: 'stub' },
  ]);
  child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'cli/workbook.ts', 'watch'], { cwd: ROOT, env: workbook.env });
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
});

afterAll(() => {
  if (process.env.WATCH_DEBUG) console.error(output);
  child.kill();
  workbook.remove();
});

const exited = (): Promise<number | null> => new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)));

describe('watch without a terminal', () => {
  it('starts at the first exercise not passed, re-grades it on save, takes keys as lines, and quits', async () => {
    let at = await waitFor(`${SLUG}/first — `);
    at = await waitFor('not started', at);
    expect(output, 'plain output: no screen-clearing escape codes').not.toContain('\u001b[2J');
    expect(output).toContain('[------------------------------] 0/2 exercises passed');

    child.stdin.write('h\n');
    at = await waitFor('Hint 1 of 3', at);

    // Save the reference solution over the stub, as a learner's editor would.
    writeFileSync(workbook.learnerFile('first'), readFileSync(path.join(workbook.root, 'solutions', SLUG, 'first.ts'), 'utf8'));
    at = await waitFor('1/2 exercises passed', at);
    at = await waitFor('Passed! 5/5 points.', at);

    child.stdin.write('n\n');
    at = await waitFor(`${SLUG}/second — `, at);

    child.stdin.write('r\n');
    at = await waitFor('Press y to reset', at);
    child.stdin.write('x\n');
    at = await waitFor('Reset cancelled; your file is unchanged.', at);

    child.stdin.write('q\n');
    await waitFor('Bye.', at);
    expect(await exited()).toBe(0);
  }, 120_000);
});
