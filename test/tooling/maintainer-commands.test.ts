import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../core/root.ts';

/**
 * The maintainer commands reject a mistake as the learner's commands do (core/run-main.ts
 * `parseCommand`): the problem on one line, the usage on the next, exit status 2, nothing written.
 */
function run(script: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Starting tsx on a busy two-core machine can take several seconds. */
const SPAWN_TIMEOUT_MS = 120_000;

describe('usage errors of the maintainer commands: the problem, the usage, exit status 2', () => {
  it.each([
    [['tools/stubs.ts', '--chek'], 'Unknown option --chek.\nUsage: npm run stubs [-- <chapter>[/<exercise>]] [--check] [--force]'],
    [['tools/stubs.ts', 'no-such-chapter', '--check'], 'No exercise matches "no-such-chapter". Try a chapter such as 06-message-queues.\nUsage: npm run stubs'],
    [['tools/sync-pages.ts', 'no-such-chapter'], 'No chapter matches "no-such-chapter". Try one such as 06-message-queues.\nUsage: npm run listings [-- <chapter>]'],
  ])('%j', { timeout: SPAWN_TIMEOUT_MS }, (args, message) => {
    const { status, output } = run(...(args as [string, ...string[]]));
    expect(output).toContain(message);
    expect(status).toBe(2);
  });
});
