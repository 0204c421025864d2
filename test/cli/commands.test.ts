import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { workbookContext, type WorkbookContext } from '../../cli/context.ts';
import { gradeExercises } from '../../cli/grade.ts';
import { hintCommand } from '../../cli/hint.ts';
import { listCommand, progressCommand } from '../../cli/list.ts';
import { ProgressStore } from '../../cli/progress-store.ts';
import { resetCommand } from '../../cli/reset.ts';
import { solutionCommand } from '../../cli/solution.ts';
import { main } from '../../cli/workbook.ts';
import { isPristineStub } from '../../core/stub-generator.ts';
import { loadExercises } from '../../core/workbook.ts';
import { makeScratchWorkbook, type ScratchWorkbook, SLUG } from './scratch-workbook.ts';

let workbook: ScratchWorkbook;
let context: WorkbookContext;
let printed: string[];

beforeEach(() => {
  workbook = makeScratchWorkbook('commands', [
    { id: 'correct', learner: 'solution' },
    { id: 'edited', learner: { fixture: 'wrong-field' } },
    { id: 'untouched', learner: 'stub' },
  ]);
  context = workbookContext(workbook.env);
  printed = [];
  const keep = (...args: unknown[]): void => {
    printed.push(args.map(String).join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(keep);
  vi.spyOn(console, 'error').mockImplementation(keep);
});

afterEach(() => workbook.remove());

const output = (): string => printed.join('\n').replace(/\u001b\[[0-9;]*m/g, '');

describe('hint', () => {
  it('shows one more hint per call, remembers the level, and stops at the last', async () => {
    for (let call = 1; call <= 4; call++) {
      printed = [];
      expect(await hintCommand(context, ['edited'])).toBe(0);
      const level = Math.min(call, 3);
      expect(output()).toContain(`Hint ${level} of 3`);
      expect(output()).not.toContain(`Hint ${level + 1} of 3`);
    }
    expect(output()).toContain('That was the last hint');
    expect(new ProgressStore(context.stateDir).get(`${SLUG}/edited`).hintsSeen).toBe(3);
  });

  it('accepts <chapter>/<exercise> as well as the id', async () => {
    expect(await hintCommand(context, [`${SLUG}/edited`])).toBe(0);
    expect(output()).toContain('Hint 1 of 3');
  });
});

describe('reset', () => {
  it('restores the pristine stub after copying the learner file to .workbook/backups, and says where', async () => {
    const file = workbook.learnerFile('edited');
    const before = readFileSync(file, 'utf8');
    expect(await resetCommand(context, ['edited'])).toBe(0);
    expect(isPristineStub(readFileSync(file, 'utf8'))).toBe(true);
    const match = /saved at (\S+)/.exec(output());
    expect(match, output()).not.toBeNull();
    const backup = path.join(workbook.root, match![1]!);
    expect(backup.startsWith(path.join(workbook.root, '.workbook', 'backups'))).toBe(true);
    expect(readFileSync(backup, 'utf8')).toBe(before);
  });

  it('leaves an untouched stub alone and makes no backup', async () => {
    expect(await resetCommand(context, ['untouched'])).toBe(0);
    expect(output()).toContain('already the untouched stub');
    expect(existsSync(path.join(context.stateDir, 'backups'))).toBe(false);
  });

  it('brings back a deleted file', async () => {
    const file = workbook.learnerFile('edited');
    writeFileSync(file, '');
    expect(await resetCommand(context, ['edited'])).toBe(0);
    expect(isPristineStub(readFileSync(file, 'utf8'))).toBe(true);
    const backups = readdirSync(path.join(context.stateDir, 'backups'));
    expect(backups).toHaveLength(1);
  });
});

describe('solution', () => {
  it('stays locked before the exercise passes, and says how to unlock it', async () => {
    expect(await solutionCommand(context, ['correct'])).toBe(1);
    expect(output()).toContain('unlocks once your version passes');
    expect(output()).not.toContain('export function createEnvelope');
  });

  it('shows the reference after a passing grade', async () => {
    const exercises = (await loadExercises(context.root)).filter((e) => e.key === `${SLUG}/correct`);
    const report = await gradeExercises(context, exercises, new ProgressStore(context.stateDir), { idleSeconds: 30 });
    expect(report.status).toBe('pass');
    printed = [];
    expect(await solutionCommand(context, ['correct'])).toBe(0);
    expect(output()).toContain(`Reference solution: solutions/${SLUG}/correct.ts`);
    expect(output()).toContain('export function createEnvelope');
  }, 120_000);

  it('with --force, warns first, then shows it', async () => {
    expect(await solutionCommand(context, ['edited', '--force'])).toBe(0);
    expect(output()).toContain('has not passed yet');
    expect(output().indexOf('has not passed yet')).toBeLessThan(output().indexOf('export function createEnvelope'));
  });
});

describe('list and progress', () => {
  it('list shows every exercise with its recorded status', async () => {
    new ProgressStore(context.stateDir).update(`${SLUG}/correct`, (p) => ({ ...p, status: 'passed', points: 5, possible: 5, passedAt: '2026-01-01T00:00:00.000Z' }));
    expect(await listCommand(context, [])).toBe(0);
    expect(output()).toMatch(/correct\s+5\/5\s+warm-up\s+passed/);
    expect(output()).toMatch(/untouched\s+0\/5\s+warm-up\s+not started/);
  });

  it('progress shows a bar, the points and the next exercise', async () => {
    new ProgressStore(context.stateDir).update(`${SLUG}/correct`, (p) => ({ ...p, status: 'passed', points: 5, possible: 5, passedAt: '2026-01-01T00:00:00.000Z' }));
    expect(await progressCommand(context, [])).toBe(0);
    expect(output()).toContain('1/3 exercises passed · 5 of 15 points');
    expect(output()).toContain(`Next: ${SLUG}/edited`);
  });

  it('a corrupt progress file is moved aside and rebuilt, not fatal', async () => {
    const store = new ProgressStore(context.stateDir);
    store.update(`${SLUG}/correct`, (p) => p);
    writeFileSync(store.file, '{"version": 1, "exercises": {"trunc');
    expect(await listCommand(context, [])).toBe(0);
    expect(output()).toContain('could not be read, so it was rebuilt');
    const kept = readdirSync(context.stateDir).filter((name) => name.startsWith('progress.json.unreadable-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(context.stateDir, kept[0]!), 'utf8')).toContain('trunc');
    expect(await hintCommand(context, ['edited'])).toBe(0);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({ version: 1, exercises: { [`${SLUG}/edited`]: { hintsSeen: 1 } } });
  });
});

describe('usage errors exit with status 2', () => {
  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [['hint'], 'Usage: npm run workbook -- hint <exercise>'],
    [['grade', '--colour'], 'Unknown option --colour'],
    [['grade', 'a', 'b'], 'one chapter or exercise at a time'],
    [['reset', 'no-such-exercise'], 'No exercise is called "no-such-exercise"'],
  ])('%j', async (args, message) => {
    vi.stubEnv('WORKBOOK_ROOT', workbook.root);
    vi.stubEnv('WORKBOOK_TARGET', workbook.chapters);
    expect(await main(args)).toBe(2);
    expect(output()).toContain(message);
  });

  it('no command at all prints the usage', async () => {
    expect(await main([])).toBe(2);
    expect(output()).toContain('npm run grade');
  });
});
