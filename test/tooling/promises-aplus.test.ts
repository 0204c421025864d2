import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../core/root.ts';

/**
 * The official Promises/A+ suite (promises-aplus-tests) runs against the reference MyPromise in a
 * child process, exactly as `npm run aplus` runs it for a learner. The suite waits on real 50 ms
 * timers inside its own tests, so a run takes several seconds of wall time; the generous timeout
 * below is for a busy machine, and each test asserts the outcome the run printed.
 */
const RUNNER = path.join(ROOT, 'test/05-callbacks/promises-aplus.ts');
const RUN_TIMEOUT_MS = 240_000;

function runCompliance(target: string, ...options: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, target, ...options], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0', WORKBOOK_TARGET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe.concurrent('the Promises/A+ compliance run (npm run aplus)', () => {
  it('the reference MyPromise passes all 872 tests of the official suite', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { code, output } = await runCompliance('solutions');
    expect(output).toContain('against solutions/05-callbacks/promise.ts');
    expect(output, output.slice(-2_000)).toContain('Promises/A+: 872 passed, 0 failed, 872 of 872 ran.');
    expect(code).toBe(0);
  });

  it('reports the failing tests and exits non-zero for a promise that calls back synchronously', { timeout: RUN_TIMEOUT_MS }, async () => {
    // Its failures include tests that wait for a callback that never comes: a short --timeout ends each sooner.
    const { code, output } = await runCompliance('test/05-callbacks/bad/promise/sync-then.ts', '--timeout', '250');
    expect(output).toMatch(/✗ 2\.2\.4: `onFulfilled` or `onRejected` must not be called until the execution context stack contains only platform code/);
    expect(output).toMatch(/Promises\/A\+: \d+ passed, [1-9]\d* failed, 872 of 872 ran\./);
    expect(code).toBe(1);
  });

  it('exits 2 with the usage for a --timeout that is not a whole number of milliseconds', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { code, output } = await runCompliance('solutions', '--timeout', 'soon');
    expect(output).toContain('--timeout takes a whole number of milliseconds, not "soon"');
    expect(output).toContain('npm run aplus [-- chapters|solutions|<file>] [--timeout <ms>]');
    expect(code).toBe(2);
  });
});
