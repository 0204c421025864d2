import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercises, selectExercises } from '../../core/workbook.ts';
import { checkRequirements } from '../../tools/check.ts';

/**
 * The self-check grades an exercise that needs a system program (its manifest's `requires`) only
 * where the program is installed, like the browser tests and Chromium: elsewhere it says in one
 * line how to install it, and under CI a missing program is a failure.
 */
describe('the self-check and the programs exercises need', () => {
  const load = async () => selectExercises(await loadExercises(), '06-message-queues');

  it('without redis-server the Redis exercise is skipped with one line saying how to install it', async () => {
    const exercises = await load();
    const { step, gradable } = checkRequirements(exercises, { PATH: '' });
    expect(gradable.map((e) => e.key)).toEqual(exercises.map((e) => e.key).filter((key) => key !== '06-message-queues/stream-worker'));
    expect(step.problems).toEqual([]);
    expect(step.summary).toBe('skipped: 06-message-queues/stream-worker needs redis-server, which is not installed: apt-get install -y redis-server');
  });

  it('under CI a missing program is a problem, not a skip', async () => {
    const { step, gradable } = checkRequirements(await load(), { PATH: '', CI: 'true' });
    expect(gradable.some((e) => e.key === '06-message-queues/stream-worker')).toBe(false);
    expect(step.problems).toEqual([
      '06-message-queues/stream-worker needs redis-server, which is not installed: apt-get install -y redis-server (CI requires it: .ci/run installs it)',
    ]);
  });

  it('with redis-server on PATH every exercise is graded', async () => {
    const exercises = await load();
    // A folder holding an executable named redis-server stands for an installed one.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'workbook-path-'));
    try {
      writeFileSync(path.join(bin, 'redis-server'), '#!/bin/sh\n');
      chmodSync(path.join(bin, 'redis-server'), 0o755);
      const { step, gradable } = checkRequirements(exercises, { PATH: bin, CI: 'true' });
      expect(gradable).toEqual(exercises);
      expect(step).toEqual({ name: 'system programs', problems: [], summary: 'found redis-server' });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
