import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseState } from '../../core/practice/deck.ts';
import { UsageError } from '../../core/run-main.ts';
import { parsePracticeArgs } from '../../cli/practice/command.ts';
import { PracticeStore } from '../../cli/practice/store.ts';
import { runCli } from './run-cli.ts';
import { ALPHA, chapterPage, makePracticeScratch, type PracticeScratch } from './practice-scratch.ts';
import { startPractice } from './practice-process.ts';

/**
 * `npm run practice` without a terminal: the real command in a child process, stdin and stdout
 * piped, against a scratch workbook. (practice-tty.test.ts drives it in a real terminal.)
 */

const SLOW = 120_000;
let scratch: PracticeScratch;

beforeEach(() => {
  scratch = makePracticeScratch('practice');
});
afterEach(() => scratch.remove());

const stateFile = (): string => path.join(scratch.stateDir, 'practice.json');
const saved = () => parseState(readFileSync(stateFile(), 'utf8'));

describe('a review session, piped', () => {
  it('shows the question, then the key points, takes a rating, schedules the card and saves it', async () => {
    const run = startPractice([], scratch.env);
    let at = await run.waitFor('What is a visibility timeout?');
    at = await run.waitFor('Enter the key points · a the full answer · q quit', at);
    expect(run.output(), 'the back stays hidden until asked for').not.toContain('It is the lease length.');
    run.send('');
    at = await run.waitFor('It is the lease length.', at);
    at = await run.waitFor('How well did you recall it?', at);
    expect(run.output().replace(/\u00a0/g, ' ')).toContain('3 Good (10 minutes)');
    run.send('a');
    at = await run.waitFor('The concept of answer 1, with `code`.', at);
    at = await run.waitFor('Extensions: performance and reliability', at);
    run.send('3');
    at = await run.waitFor('Good: next review in 10 minutes', at);
    at = await run.waitFor('What is a dead-letter queue?', at);
    run.send('q');
    at = await run.waitFor('Done for now: 1 card reviewed. The next card is due in 10 minutes', at);
    expect(await run.exited()).toBe(0);
    expect(run.output(), 'plain text: no screen-clearing escape codes when piped').not.toContain('\u001b[2J');
    const record = saved().cards['01-alpha/what-is-a-visibility-timeout']!;
    expect(record.reviews.map((r) => r.rating)).toEqual([3]);
    expect(Date.parse(record.schedule.due) - Date.parse(record.reviews[0]!.at)).toBe(10 * 60_000);
  }, SLOW);

  it('keeps the schedule across a restart: a card rated Easy is not shown again today', async () => {
    const first = startPractice([], scratch.env);
    await first.waitFor('What is a visibility timeout?');
    first.send('');
    first.send('4');
    await first.waitFor('Easy: next review in');
    first.send('q');
    expect(await first.exited()).toBe(0);

    const second = startPractice([], scratch.env);
    await second.waitFor('Enter the key points');
    expect(second.output(), 'the first card was rated Easy: days away').not.toContain('What is a visibility timeout?');
    expect(second.output()).toContain('What is a dead-letter queue?');
    second.send('q');
    expect(await second.exited()).toBe(0);

    const stats = await runCli(['practice', '--stats'], scratch.env);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/Reviewed today +1/);
    expect(stats.stdout).toMatch(/Streak +1 day\b/);
    expect(stats.stdout).toMatch(/01 Alpha: queues +2 +1 +1 +0 +—/);
  }, SLOW);

  it('limits new cards with --new and a session to one chapter with --chapter', async () => {
    const run = startPractice(['--chapter', '02', '--new', '1'], scratch.env);
    await run.waitFor('What is backpressure?');
    run.send('');
    run.send('4');
    await run.waitFor('Done for now: 1 card reviewed.');
    expect(await run.exited()).toBe(0);
    expect(run.output()).not.toContain('What is a visibility timeout?');
    expect(Object.keys(saved().cards)).toEqual(['02-beta/what-is-backpressure']);
  }, SLOW);

  it('keeps the history of a reworded question under its new wording, and says so', async () => {
    const first = startPractice([], scratch.env);
    await first.waitFor('What is a visibility timeout?');
    first.send('');
    first.send('1');
    await first.waitFor('Again: next review in 1 minute');
    first.send('q');
    expect(await first.exited()).toBe(0);

    scratch.writePage('01-alpha', chapterPage('Alpha: queues', [{ ...ALPHA[0]!, question: 'What is a visibility timeout, and how long should it be?' }, ALPHA[1]!]));
    const second = startPractice(['--new', '0'], scratch.env);
    let at = await second.waitFor('A question was reworded');
    expect(second.output().replace(/\s+/g, ' ')).toContain(
      'A question was reworded: your history of 01-alpha/what-is-a-visibility-timeout now belongs to 01-alpha/what-is-a-visibility-timeout-and-how-long-should-it-be.',
    );
    at = await second.waitFor('What is a visibility timeout, and how long should it be?', at);
    await second.waitFor('This question was reworded since your last review', at);
    expect(second.output().replace(/\s+/g, ' ')).toContain('it used to read: "What is a visibility timeout?". Your history with it is kept.');
    second.send('q');
    expect(await second.exited()).toBe(0);
    const record = saved().cards['01-alpha/what-is-a-visibility-timeout-and-how-long-should-it-be']!;
    expect(record.formerIds).toEqual(['01-alpha/what-is-a-visibility-timeout']);
    expect(record.reviews).toHaveLength(1);
    expect(saved().cards['01-alpha/what-is-a-visibility-timeout']).toBeUndefined();
  }, SLOW);

  it('moves an unreadable practice.json aside, says where, and starts a new one', async () => {
    mkdirSync(scratch.stateDir, { recursive: true });
    writeFileSync(stateFile(), '{"version": 1, "cards": ');
    const run = startPractice([], scratch.env);
    await run.waitFor('What is a visibility timeout?');
    expect(run.output().replace(/\s+/g, ' ')).toContain('Your practice file could not be read (it is not valid JSON). It was moved to .workbook/practice.json.unreadable-');
    run.send('');
    run.send('3');
    await run.waitFor('Good: next review');
    run.send('q');
    expect(await run.exited()).toBe(0);
    const aside = readdirSync(scratch.stateDir).filter((f) => f.startsWith('practice.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(scratch.stateDir, aside[0]!), 'utf8'), 'the old file is kept as it was').toBe('{"version": 1, "cards": ');
    expect(Object.keys(saved().cards)).toEqual(['01-alpha/what-is-a-visibility-timeout']);
  }, SLOW);
});

describe('a mock interview, piped', () => {
  it('times each question, keeps typed answers, takes the ticked key points, and sums up', async () => {
    // 0.2 minutes = 12 seconds per question: the first is answered in time, the second runs out.
    const run = startPractice(['--mock', '2', '--minutes', '0.2', '--chapter', '01'], scratch.env);
    let at = await run.waitFor('Mock interview: 2 questions from 1 chapter, 0:12 each.');
    at = await run.waitFor('You have 0:12.', at);
    run.send('A lease: hidden while someone works on it.');
    run.send('');
    at = await run.waitFor('Which key points did your answer make?', at);
    run.send('1 3 9');
    at = await run.waitFor('Key points made: 2 of 3.', at);
    at = await run.waitFor('You have 0:12.', at);
    at = await run.waitFor('Time is up.', at);
    at = await run.waitFor('Which key points did your answer make?', at);
    run.send('');
    at = await run.waitFor('Mock interview finished: 2 questions', at);
    at = await run.waitFor('2 of 6 key points. Your answers: .workbook/mock/', at);
    expect(await run.exited()).toBe(0);
    const files = readdirSync(path.join(scratch.stateDir, 'mock'));
    expect(files).toHaveLength(1);
    const answers = readFileSync(path.join(scratch.stateDir, 'mock', files[0]!), 'utf8');
    expect(answers).toContain('A lease: hidden while someone works on it.');
    expect(answers).toContain('(time ran out)');
    expect(answers).toMatch(/- \[x\] It is the lease length\.|- \[x\] Where given-up messages go\./);
    expect(answers).toContain('In all: 2 of 6 key points');
  }, SLOW);

  it('stops cleanly when the input ends, keeping the answers given so far', async () => {
    const run = startPractice(['--mock', '--minutes', '1'], scratch.env);
    await run.waitFor('You have 1:00.');
    run.child.stdin.end();
    await run.waitFor('Stopped after 0 questions. Your answers: .workbook/mock/');
    expect(await run.exited()).toBe(0);
  }, SLOW);
});

describe('export and statistics', () => {
  it('exports every card as a tab-separated file Anki imports, and says where', async () => {
    const result = await runCli(['practice', '--export', 'anki'], scratch.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Wrote 3 cards to .workbook/practice-anki.txt');
    const lines = readFileSync(path.join(scratch.stateDir, 'practice-anki.txt'), 'utf8').trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual(['#separator:tab', '#html:true', '#tags column:3', '#columns:Front\tBack\tTags']);
    const rows = lines.slice(4).map((line) => line.split('\t'));
    expect(rows.map((r) => r.length)).toEqual([3, 3, 3]);
    expect(rows.map((r) => r[2])).toEqual(['01-alpha', '01-alpha', '02-beta']);
    expect(rows[2]![0]).toBe('What is backpressure?');
    expect(rows[2]![1]).toContain('<li><code>write()</code> returns false until drain.</li>');
  }, SLOW);

  it('reports a fresh start in --stats', async () => {
    const result = await runCli(['practice', '--stats'], scratch.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Practice: 3 cards from 2 chapters');
    expect(result.stdout).toMatch(/Due today +3 \(0 reviews, 3 new\)/);
    expect(existsSync(stateFile()), '--stats reads, it does not write').toBe(false);
  }, SLOW);
});

describe('arguments', () => {
  const chapters = ['01-alpha', '02-beta'];
  it('reads the modes and their numbers', () => {
    expect(parsePracticeArgs([], chapters)).toEqual({ mode: 'review', chapter: undefined, newPerDay: 10, questions: 5, minutes: 4 });
    expect(parsePracticeArgs(['--mock'], chapters)).toMatchObject({ mode: 'mock', questions: 5, minutes: 4 });
    expect(parsePracticeArgs(['--mock', '3', '--minutes', '2.5'], chapters)).toMatchObject({ mode: 'mock', questions: 3, minutes: 2.5 });
    expect(parsePracticeArgs(['--mock=2'], chapters)).toMatchObject({ mode: 'mock', questions: 2 });
    expect(parsePracticeArgs(['--chapter', '02', '--new', '0'], chapters)).toMatchObject({ chapter: '02-beta', newPerDay: 0 });
    expect(parsePracticeArgs(['--chapter=01-alpha'], chapters)).toMatchObject({ chapter: '01-alpha' });
  });

  it.each([
    [['--mock', '0'], /--mock needs a whole number from 1 to 50, got "0"/],
    [['--minutes', '3'], /use it with --mock/],
    [['--mock', '--minutes', '0'], /--minutes needs a number of minutes above 0/],
    [['--stats', '--mock'], /--stats and --mock cannot be combined/],
    [['--export', 'csv'], /--export knows one format, anki; got "csv"/],
    [['--chapter', '99'], /No chapter with interview questions is called "99"; these have some: 01-alpha, 02-beta/],
    [['--new', 'many'], /--new needs a whole number/],
    [['7'], /Unexpected argument "7"/],
    [['--colour'], /Unknown option --colour/],
  ])('refuses %j with a usage error', (args, message) => {
    expect(() => parsePracticeArgs(args, chapters)).toThrow(UsageError);
    expect(() => parsePracticeArgs(args, chapters)).toThrow(message);
  });

  it('exits 2 with the problem and the usage for a bad argument', async () => {
    const result = await runCli(['practice', '--mock', '0'], scratch.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--mock needs a whole number from 1 to 50, got "0".');
    expect(result.stderr).toContain('Usage: npm run practice');
  }, SLOW);
});

describe('the practice file', () => {
  it('merges each save into the file as it is now, so two sessions keep both ratings', () => {
    const one = new PracticeStore(scratch.stateDir);
    const two = new PracticeStore(scratch.stateDir);
    const a = one.load();
    const b = two.load();
    const record = (question: string) => ({
      question,
      keyPoints: ['x', 'y', 'z'],
      schedule: { due: new Date(0).toISOString(), stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 0, learning_steps: 0, reps: 1, lapses: 0, state: 1 },
      reviews: [{ at: new Date(0).toISOString(), rating: 3, state: 0, due: new Date(0).toISOString() }],
    });
    a.cards['01-alpha/one'] = record('One?');
    one.save(a, ['01-alpha/one']);
    b.cards['02-beta/two'] = record('Two?');
    two.save(b, ['02-beta/two']);
    expect(Object.keys(saved().cards).sort()).toEqual(['01-alpha/one', '02-beta/two']);
    expect(readdirSync(scratch.stateDir).filter((f) => f.endsWith('.tmp')), 'no temporary file left behind').toEqual([]);
  });
});
