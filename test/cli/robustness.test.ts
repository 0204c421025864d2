import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseReport, GradeReport } from '../../cli/report.ts';
import { runCli } from './run-cli.ts';
import { makeScratchWorkbook, type ScratchWorkbook, SLUG } from './scratch-workbook.ts';

/**
 * One real `grade` run over a scratch chapter whose learner files are broken in every way the
 * corpus in test/cli/fixtures/ describes, beside a correct one. Each case must be reported in
 * the learner's terms, and every other exercise must still be graded.
 */
const AWAITED_READ = `
describe('reads the body of the expected type', () => {
  it('can be awaited', async () => {
    expect(await readEnvelope('async', 'x')).toBeUndefined();
  });
});
`;

let workbook: ScratchWorkbook;
let report: GradeReport;
let scorecard: string;
let exitCode: number | null;

function exercise(id: string): ExerciseReport {
  const found = report.exercises.find((e) => e.key === `${SLUG}/${id}`);
  if (!found) throw new Error(`no report for ${id}`);
  return found;
}

beforeAll(async () => {
  workbook = makeScratchWorkbook('robustness', [
    { id: 'correct', learner: 'solution' },
    { id: 'syntax-error', learner: { fixture: 'syntax-error' } },
    { id: 'type-error', learner: { fixture: 'type-error' } },
    { id: 'throws-at-import', learner: { fixture: 'throws-at-import' } },
    { id: 'infinite-loop', learner: { fixture: 'infinite-loop' } },
    { id: 'never-settles', learner: { fixture: 'never-settles' }, extraTests: AWAITED_READ },
    { id: 'unhandled-rejection', learner: { fixture: 'unhandled-rejection' } },
    { id: 'process-exit', learner: { fixture: 'process-exit' } },
    { id: 'console-flood', learner: { fixture: 'console-flood' } },
    { id: 'wrong-field', learner: { fixture: 'wrong-field' } },
    { id: 'renamed-export', learner: { fixture: 'renamed-export' } },
    { id: 'renamed', learner: 'none', strays: ['renamed-old.ts'] },
    { id: 'not-started', learner: 'stub' },
  ]);
  const jsonFile = path.join(workbook.root, 'report.json');
  // A short watchdog (8 s without progress) keeps the infinite-loop case quick; a short test
  // timeout does the same for the promise that never settles. Both outcomes are certain: the
  // loop never ends and the promise never settles, however slow the machine.
  const result = await runCli(['grade', SLUG, '--watchdog=8', `--json=${jsonFile}`], { ...workbook.env, WORKBOOK_TEST_TIMEOUT: '1000' });
  exitCode = result.code;
  scorecard = result.stdout;
  report = JSON.parse(readFileSync(jsonFile, 'utf8')) as GradeReport;
}, 240_000);

afterAll(() => workbook?.remove());

describe('grading a chapter of broken learner files', () => {
  it('exits 1 and reports an error status, since some exercises could not run', () => {
    expect(exitCode, scorecard).toBe(1);
    expect(report.status).toBe('error');
    expect(report.exercises).toHaveLength(13);
  });

  it('still grades the correct exercise in full', () => {
    expect(exercise('correct')).toMatchObject({ status: 'passed', points: 5, possible: 5 });
    expect(exercise('correct').tasks.map((t) => t.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('a syntax error: could not be loaded, with the file and line', () => {
    const e = exercise('syntax-error');
    expect(e.status).toBe('error');
    expect(e.message).toContain('could not be loaded');
    expect(e.message).toContain('syntax-error.ts:67');
    expect(e.typeErrors[0]).toMatchObject({ file: `chapters/${SLUG}/syntax-error.ts`, line: 67 });
  });

  it('a type error: the tests run anyway, and the error is reported with its line', () => {
    const e = exercise('type-error');
    expect(e.status).toBe('passed');
    expect(e.typeErrors).toEqual([expect.objectContaining({ line: 67, message: "Type 'string' is not assignable to type 'number'." })]);
    expect(scorecard).toContain(`chapters/${SLUG}/type-error.ts:67:9`);
  });

  it('a throw at import time: could not be loaded, with the error and where it was thrown', () => {
    const e = exercise('throws-at-import');
    expect(e.status).toBe('error');
    expect(e.message).toContain('the configuration file is missing');
    expect(e.message).toContain('throws-at-import.ts:2');
  });

  it('a synchronous infinite loop: stopped by the watchdog, naming the test, keeping the tasks that passed before it', () => {
    const e = exercise('infinite-loop');
    expect(e.status).toBe('timeout');
    expect(e.message).toContain('did not finish within 8s: an infinite loop?');
    expect(e.message).toContain('"returns the body of an envelope of the expected type"');
    expect(e.tasks.map((t) => [t.title, t.status, t.points])).toEqual([
      ['header and body', 'pass', 2],
      ['rejects a missing type', 'pass', 1],
      ['reads the body of the expected type', 'timeout', 0],
    ]);
  });

  it('a promise that never settles: that test fails, explained, and the others still count', () => {
    const e = exercise('never-settles');
    expect(e.status).toBe('failing');
    expect(e.points).toBe(3);
    expect(e.failure?.test).toBe('can be awaited');
    expect(e.failure?.message).toContain('a promise that never settles');
  });

  it('an unhandled rejection: reported, and the exercise does not pass', () => {
    const e = exercise('unhandled-rejection');
    expect(e.status).toBe('failing');
    expect(e.unhandledErrors.join('\n')).toContain('the audit log is unreachable');
    expect(e.message).toContain('errors that nothing caught');
  });

  it('process.exit: stopped, explained, and the rest of the run goes on', () => {
    const e = exercise('process-exit');
    expect(e.status).toBe('failing');
    expect(e.failure?.message).toContain('Your code called process.exit(1)');
    expect(e.tasks.find((t) => t.title === 'header and body')?.status).toBe('pass');
  });

  it('megabytes of console output: graded normally, the output counted and capped', () => {
    const e = exercise('console-flood');
    expect(e.status).toBe('passed');
    expect(e.output?.bytes).toBeGreaterThan(2_000_000);
    expect(e.output?.truncated).toBe(true);
    expect(e.output!.text.length).toBeLessThanOrEqual(4_096);
    expect(scorecard.length, 'the scorecard itself stays short').toBeLessThan(40_000);
  });

  it('a wrong value: the first failure says what was expected, what came back, and which hint is next', () => {
    const e = exercise('wrong-field');
    expect(e.status).toBe('failing');
    expect(e.failure).toMatchObject({ task: 'header and body', test: 'puts id, type and sentAt in the header and the payload in the body' });
    expect(e.failure?.diff).toContain('"sentAt": "1700000000000"');
    expect(e.nextHint).toEqual({ level: 1, of: 3, command: 'npm run workbook -- hint wrong-field' });
    expect(scorecard).toContain('+     "sentAt": "1700000000000",');
    expect(scorecard).toContain('npm run workbook -- hint wrong-field');
  });

  it('a renamed export: says the tests import it by its name', () => {
    const e = exercise('renamed-export');
    expect(e.status).toBe('failing');
    expect(e.failure?.message).toBe(
      'Your file does not export a function named createEnvelope, and the tests import it by that name. Keep the exported names and signatures of the stub.',
    );
    expect(e.tasks.find((t) => t.title === 'rejects a missing type')?.status).toBe('fail');
  });

  it('a deleted or renamed file: missing, naming the stray file and how to get a fresh stub', () => {
    const e = exercise('renamed');
    expect(e.status).toBe('missing');
    expect(e.message).toContain(`chapters/${SLUG}/renamed.ts is missing`);
    expect(e.message).toContain(`rename chapters/${SLUG}/renamed-old.ts back`);
    expect(e.message).toContain(`npm run workbook -- reset ${SLUG}/renamed`);
  });

  it('an untouched stub: "not started", not a wall of failures', () => {
    const e = exercise('not-started');
    expect(e.status).toBe('not-started');
    expect(e.tasks.every((t) => t.status === 'not-started')).toBe(true);
    expect(e.failure).toBeUndefined();
  });

  it('totals the points of every exercise', () => {
    expect(report.possible).toBe(65);
    expect(report.points).toBe(report.exercises.reduce((sum, e) => sum + e.points, 0));
    expect(report.percent).toBe(Math.round((report.points / 65) * 100));
    expect(scorecard).toContain(`Score: ${report.points} of 65 points (${report.percent}%)`);
  });
});
