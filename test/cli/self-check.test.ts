import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadExercises } from '../../core/workbook.ts';
import { ROOT } from '../../core/root.ts';
import { checkStubs } from '../../tools/check.ts';
import { makeScratchWorkbook, type ScratchWorkbook } from './scratch-workbook.ts';

/** `npm test` fails fast, with the fix, on what would make its long steps pointless, and shows progress during them. */
function selfCheck(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'tools/check.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, NO_COLOR: '1', WORKBOOK_RESULTS: '', WORKBOOK_CHECK_PLAN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

let workbook: ScratchWorkbook | undefined;
afterEach(() => workbook?.remove());

describe('the self-check fails fast', () => {
  it('an unknown chapter is a usage error before any long step runs', async () => {
    const run = await selfCheck(['no-such-chapter']);
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain('No exercise matches "no-such-chapter".\nUsage: npm test');
    expect(run.output, 'the typecheck (a long step) must not have run').not.toMatch(/[✓✗…] typecheck/);
  }, 60_000);

  it('a stub holding someone\'s work stops it at once, saying how to set the work aside', async () => {
    workbook = makeScratchWorkbook('self-check', [{ id: 'edited', learner: { fixture: 'wrong-field' } }]);
    const [exercise] = await loadExercises(workbook.root);
    const step = checkStubs([exercise!]);
    expect(step.problems).toHaveLength(1);
    expect(step.problems[0]).toContain('holds edits (your work on the exercise?)');
    expect(step.problems[0]).toContain('`git stash`');
    expect(step.problems[0]).toContain('fresh clone');
  });

  it('shows progress while the graded suites run', async () => {
    const run = await selfCheck(['00-getting-started', '--skip-typecheck'], { WORKBOOK_PROGRESS_SECONDS: '1' });
    expect(run.output).toMatch(/… graded suites: \d+ test files in \d+ project\(s\), one vitest run/);
    expect(run.output).toMatch(/… graded suites: \d+ of \d+ test files done \(\d+s\)/);
    expect(run.output.indexOf('✓ stubs')).toBeLessThan(run.output.indexOf('✓ metadata'));
  }, 240_000);
});
