import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseReport, GradeReport } from '../../cli/report.ts';
import { ROOT } from '../../core/root.ts';
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

/** Four tests that each wait for a promise that never settles. */
const WAITS_FOREVER = `
describe('reads the body of the expected type', () => {
${[1, 2, 3, 4].map((n) => `  it('wait ${n}', async () => {\n    expect(await readEnvelope('async', 'x')).toBeUndefined();\n  });`).join('\n')}
});
`;

/** An interleaving check that fails whatever the learner wrote: the second reader can go first. */
const RACY_READERS = `
import { checkInterleavings } from '${path.join(ROOT, 'test/support/concurrency/index.ts').split(path.sep).join('/')}';
describe('reads the body of the expected type', () => {
  it('two readers take turns in order', async () => {
    await checkInterleavings({
      scenario: (world) => {
        const order: string[] = [];
        for (const name of ['first', 'second']) {
          world.actor(name, async (actor) => {
            await actor.call('mailbox', 'read()', () => order.push(name), () => 'ok');
          });
        }
        return () => expect(order, 'the readers should read in the order they were started').toEqual(['first', 'second']);
      },
    });
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
    { id: 'wrong-field', learner: { fixture: 'wrong-field' }, extraTests: RACY_READERS },
    { id: 'loops-in-one-task', learner: { fixture: 'loops-on-undefined-body' } },
    { id: 'waits-forever', learner: { fixture: 'never-settles' }, extraTests: WAITS_FOREVER },
    { id: 'needs-a-program', learner: 'solution', requires: [{ command: 'workbook-test-no-such-program', install: 'apt-get install -y workbook-test-no-such-program' }] },
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
    expect(report.exercises).toHaveLength(16);
  });

  it('still grades the correct exercise in full', () => {
    expect(exercise('correct')).toMatchObject({ status: 'pass', points: 5, possible: 5 });
    expect(exercise('correct').tasks.map((t) => t.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('a syntax error: could not be loaded, with the file and line', () => {
    const e = exercise('syntax-error');
    expect(e.status).toBe('error');
    expect(e.message).toContain('could not be loaded');
    expect(e.message).toContain('syntax-error.ts:67');
    expect(e.typeErrors[0]).toMatchObject({ file: `chapters/${SLUG}/syntax-error.ts`, line: 67 });
  });

  it('a syntax error says one true thing: no test ran, and where the parser stopped, with a labelled caret', () => {
    const e = exercise('syntax-error');
    expect(e.message).toContain(`Your file could not be loaded, so no test ran: it has a syntax error at chapters/${SLUG}/syntax-error.ts:67:54: ')' expected.`);
    expect(e.message).toMatch(/\n67 │ .*type\.trim\(\) === '' \{\n   │ {54}\^ '\)' expected\.$/);
    const section = scorecard.slice(scorecard.indexOf('syntax-error —'), scorecard.indexOf('type-error —'));
    expect(section).not.toContain('the tests ran anyway');
    expect(section.match(/no test ran/g)).toHaveLength(1);
  });

  it('a type error: the tests run anyway, and the error is reported with its line', () => {
    const e = exercise('type-error');
    expect(e.status).toBe('pass');
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

  it('an infinite loop in one task: the other tasks run again without it and keep their points', () => {
    const e = exercise('loops-in-one-task');
    expect(e.status).toBe('timeout');
    expect(e.message).toContain('"keeps any body, including undefined" (task "header and body") was running');
    expect(e.message).toContain('ran the other tasks without it');
    expect(e.tasks.map((t) => [t.title, t.status, t.points])).toEqual([
      ['header and body', 'timeout', 0],
      ['rejects a missing type', 'pass', 1],
      ['reads the body of the expected type', 'pass', 2],
    ]);
    expect(e.points).toBe(3);
  });

  it('tests that wait forever: after the first two, the rest of the suite is not run, and says why', () => {
    const e = exercise('waits-forever');
    const waits = e.tasks.find((t) => t.title === 'reads the body of the expected type')!.tests.filter((t) => t.name.startsWith('wait '));
    expect(waits.map((t) => [t.name, t.status])).toEqual([
      ['wait 1', 'timeout'],
      ['wait 2', 'timeout'],
      ['wait 3', 'not-run'],
      ['wait 4', 'not-run'],
    ]);
    expect(waits[2]!.message).toContain('not run: 2 tests before it waited for something that never happened');
    expect(e.tasks.slice(0, 2).map((t) => t.status)).toEqual(['pass', 'pass']);
  });

  it('an exercise whose suite needs a program that is not installed: one line saying how to install it, the others graded', () => {
    const e = exercise('needs-a-program');
    expect(e.status).toBe('needs-program');
    expect(e.needs).toEqual([{ command: 'workbook-test-no-such-program', install: 'apt-get install -y workbook-test-no-such-program' }]);
    expect(e.message).toBe(
      'Not graded here: its tests need workbook-test-no-such-program, which is not installed on this machine. Install it with `apt-get install -y workbook-test-no-such-program`, then grade again.',
    );
    expect(e.tasks.every((t) => t.status === 'needs-program')).toBe(true);
    expect(scorecard).toContain('needs workbook-test-no-such-program');
    expect(scorecard.split('\n').filter((line) => line.includes('apt-get install -y workbook-test-no-such-program'))).toHaveLength(1);
  });

  it('a promise that never settles: that test fails, explained, and the others still count', () => {
    const e = exercise('never-settles');
    expect(e.status).toBe('fail');
    expect(e.points).toBe(3);
    expect(e.failures[0]?.test).toBe('can be awaited');
    expect(e.failures[0]?.message).toContain('a promise that never settles');
  });

  it('an unhandled rejection: reported, and the exercise does not pass', () => {
    const e = exercise('unhandled-rejection');
    expect(e.status).toBe('fail');
    expect(e.unhandledErrors.join('\n')).toContain('the audit log is unreachable');
    expect(e.message).toContain('errors that nothing caught');
  });

  it('process.exit: stopped, explained, and the rest of the run goes on', () => {
    const e = exercise('process-exit');
    expect(e.status).toBe('fail');
    expect(e.failures[0]?.message).toContain('Your code called process.exit(1)');
    expect(e.tasks.find((t) => t.title === 'header and body')?.status).toBe('pass');
  });

  it('megabytes of console output: graded normally, the output counted and capped', () => {
    const e = exercise('console-flood');
    expect(e.status).toBe('pass');
    expect(e.output?.bytes).toBeGreaterThan(2_000_000);
    expect(e.output?.truncated).toBe(true);
    expect(e.output!.text.length).toBeLessThanOrEqual(4_096);
    expect(scorecard.length, 'the scorecard itself stays short').toBeLessThan(40_000);
  });

  it('a wrong value: the first failure says what was expected, what came back, and which hint is next', () => {
    const e = exercise('wrong-field');
    expect(e.status).toBe('fail');
    expect(e.failures[0]).toMatchObject({ task: 'header and body', test: 'puts id, type and sentAt in the header and the payload in the body' });
    expect(e.failures[0]?.diff).toContain('"sentAt": "1700000000000"');
    expect(e.nextHint).toEqual({ level: 1, of: 3, command: 'npm run workbook -- hint wrong-field' });
    expect(scorecard).toContain('+     "sentAt": "1700000000000",');
    expect(scorecard).toContain('npm run workbook -- hint wrong-field');
  });

  it('a failing exercise shows the first failure of each failing task, including a whole interleaving report', () => {
    const e = exercise('wrong-field');
    const racy = e.failures.find((f) => f.test === 'two readers take turns in order');
    expect(racy).toMatchObject({ task: 'reads the body of the expected type', interleaving: true });
    const section = scorecard.slice(scorecard.indexOf('wrong-field —'), scorecard.indexOf('loops-in-one-task —'));
    expect(section).toContain('First failure in "header and body"');
    expect(section).toContain('First failure in "reads the body of the expected type": two readers take turns in order');
    expect(section).toContain('As a sequence diagram:');
    expect(section).toMatch(/Replay exactly this interleaving with:\n\s+(WORKBOOK_TARGET=\S+ )?WORKBOOK_SEED=\d+ WORKBOOK_PATH=\S+ npx vitest run /);
  });

  it('a renamed export: says the tests import it by its name, and names what the file exports instead', () => {
    const e = exercise('renamed-export');
    expect(e.status).toBe('fail');
    expect(e.failures[0]?.message).toBe(
      'Your file does not export a function named createEnvelope (it exports `makeEnvelope`), and the tests import it by that name. Keep the exported names and signatures of the stub.',
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
    expect(e.failures).toEqual([]);
  });

  it('totals the points of every exercise', () => {
    expect(report.possible).toBe(80);
    expect(report.points).toBe(report.exercises.reduce((sum, e) => sum + e.points, 0));
    expect(report.percent).toBe(Math.round((report.points / 80) * 100));
    expect(scorecard).toContain(`Score: ${report.points} of 80 points (${report.percent}%)`);
  });
});
