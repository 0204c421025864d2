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
import { reportError, UsageError } from '../../core/run-main.ts';
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
    expect(new ProgressStore(context.stateDir).get(`${SLUG}/edited`).hintsShown).toEqual([0, 1, 2]);
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
    new ProgressStore(context.stateDir).update(`${SLUG}/correct`, (p) => ({ ...p, status: 'pass', points: 5, possible: 5, passedAt: '2026-01-01T00:00:00.000Z' }));
    expect(await listCommand(context, [])).toBe(0);
    expect(output()).toMatch(/correct\s+5\/5\s+warm-up\s+passed/);
    expect(output()).toMatch(/untouched\s+0\/5\s+warm-up\s+not started/);
  });

  it('progress shows a bar, the points and the next exercise', async () => {
    new ProgressStore(context.stateDir).update(`${SLUG}/correct`, (p) => ({ ...p, status: 'pass', points: 5, possible: 5, passedAt: '2026-01-01T00:00:00.000Z' }));
    expect(await progressCommand(context, [])).toBe(0);
    expect(output()).toContain('1/3 exercises pass · 5 of 15 points');
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
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({ version: 2, exercises: { [`${SLUG}/edited`]: { hintsShown: [0] } } });
  });
});

describe('usage errors: one shape, exit status 2, for every command', () => {
  it.each([
    [['frobnicate'], 'Unknown command "frobnicate".'],
    [['hint'], 'Which exercise?\nUsage: npm run workbook -- hint <exercise>'],
    [['hint', 'edited', '--level=2'], 'Unknown option --level.\nUsage: npm run workbook -- hint <exercise>'],
    [['grade', '--colour'], 'Unknown option --colour.\nUsage: npm run grade'],
    [['grade', '--all=yes'], '--all takes no value.\nUsage: npm run grade'],
    [['grade', '--watchdog'], '--watchdog needs a value: --watchdog=….\nUsage: npm run grade'],
    [['grade', 'a', 'b'], 'Grade one chapter or exercise at a time, or everything.\nUsage: npm run grade'],
    [['watch', 'a', 'b'], 'Too many arguments (from "b").\nUsage: npm run watch'],
    [['reset'], 'Which exercise?\nUsage: npm run workbook -- reset <exercise>'],
    [['reset', 'no-such-exercise'], 'No exercise is called "no-such-exercise".'],
    [['solution', 'edited', '--forse'], 'Unknown option --forse.\nUsage: npm run workbook -- solution <exercise> [--force]'],
    [['list', 'everything'], 'Unexpected argument "everything".\nUsage: npm run workbook -- list'],
    [['progress', '--verbose'], 'Unknown option --verbose.\nUsage: npm run workbook -- progress'],
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

describe('internal errors', () => {
  const broken = (): Error => new Error('the progress file is on a read-only disk', { cause: new Error('EROFS') });

  it('print one line, the cause, and how to see more, without a stack', () => {
    expect(reportError(broken(), {})).toBe(1);
    expect(output()).toContain('Error: the progress file is on a read-only disk');
    expect(output()).toContain('caused by: Error: EROFS');
    expect(output()).toContain('WORKBOOK_DEBUG=1');
    expect(output()).not.toMatch(/\n\s+at /);
  });

  it('print the stack with WORKBOOK_DEBUG=1', () => {
    expect(reportError(broken(), { WORKBOOK_DEBUG: '1' })).toBe(1);
    expect(output()).toMatch(/Error: the progress file is on a read-only disk\n\s+at /);
  });

  it('a usage error is not internal: its two lines and status 2', () => {
    expect(reportError(new UsageError('Unknown option --x', 'npm run grade'), {})).toBe(2);
    expect(output()).toBe('Unknown option --x.\nUsage: npm run grade');
  });
});

describe('one definition of "passed" (the last grade passed every task)', () => {
  const passedThenBroke = (): void => {
    new ProgressStore(context.stateDir).update(`${SLUG}/correct`, (p) => ({ ...p, status: 'fail', points: 0, possible: 5, passedAt: '2026-01-01T00:00:00.000Z' }));
  };

  it('list shows an exercise that passed and then broke as failing, with its points now', async () => {
    passedThenBroke();
    expect(await listCommand(context, [])).toBe(0);
    expect(output()).toMatch(/correct\s+0\/5\s+warm-up\s+failing \(passed before\)/);
  });

  it('progress counts it neither as passed nor for its points, and says why', async () => {
    passedThenBroke();
    expect(await progressCommand(context, [])).toBe(0);
    expect(output()).toContain('0/3 exercises pass · 0 of 15 points');
    expect(output()).toContain(`${SLUG}/correct passed before and fails now, so it is not counted`);
    expect(output()).toContain(`Next: ${SLUG}/correct`);
  });

  it('its reference solution stays unlocked', async () => {
    passedThenBroke();
    expect(await solutionCommand(context, ['correct'])).toBe(0);
    expect(output()).toContain('export function createEnvelope');
  });
});

describe('hints for the first failing task', () => {
  const hints = [
    'About the whole exercise.',
    { task: 'header and body', text: 'About the header.' },
    { task: 'reads the body of the expected type', text: 'About reading, gently.' },
    { task: 'reads the body of the expected type', text: 'About reading, nearly the answer.' },
  ];

  beforeEach(() => {
    workbook.remove();
    workbook = makeScratchWorkbook('hints', [{ id: 'reads-wrong', learner: 'solution', hints }]);
    context = workbookContext(workbook.env);
    // Only reading is wrong: the first failing task is the third.
    const file = workbook.learnerFile('reads-wrong');
    writeFileSync(file, readFileSync(file, 'utf8').replace('return (envelope as Envelope<T>).body;', 'return undefined as T;'));
  });

  it('after a grade, each call offers the next hint about the first failing task, then the rest', async () => {
    const [exercise] = await loadExercises(context.root);
    const report = await gradeExercises(context, [exercise!], new ProgressStore(context.stateDir), { idleSeconds: 30 });
    expect(report.exercises[0]!.tasks.map((t) => t.status)).toEqual(['pass', 'pass', 'fail']);
    expect(report.exercises[0]!.nextHint).toEqual({ level: 1, of: 4, command: 'npm run workbook -- hint reads-wrong' });
    const shownByCall: string[] = [];
    for (let call = 0; call < 4; call++) {
      printed = [];
      expect(await hintCommand(context, ['reads-wrong'])).toBe(0);
      shownByCall.push(/\n(Hint \d of 4[^\n]*)\n([^\n]*)\n\n[^\n]*$/.exec(output())?.slice(1).join(': ') ?? output());
    }
    expect(shownByCall).toEqual([
      'Hint 1 of 4: About the whole exercise.',
      'Hint 3 of 4 · for the task "reads the body of the expected type": About reading, gently.',
      'Hint 4 of 4 · for the task "reads the body of the expected type": About reading, nearly the answer.',
      'Hint 2 of 4 · for the task "header and body": About the header.',
    ]);
  }, 120_000);

  it('the scorecard points to the hint that comes next, and names its task', async () => {
    const [exercise] = await loadExercises(context.root);
    const store = new ProgressStore(context.stateDir);
    await gradeExercises(context, [exercise!], store, { idleSeconds: 30 });
    await hintCommand(context, ['reads-wrong']);
    const report = await gradeExercises(context, [exercise!], store, { idleSeconds: 30 });
    expect(report.exercises[0]!.nextHint).toEqual({ level: 3, of: 4, task: 'reads the body of the expected type', command: 'npm run workbook -- hint reads-wrong' });
  }, 120_000);
});
