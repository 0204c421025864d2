import path from 'node:path';
import { writeFileAtomic } from '../../core/files.ts';
import { loadCards, type PracticeCard } from '../../core/practice/cards.ts';
import { DEFAULT_NEW_PER_DAY, Deck, drawMock } from '../../core/practice/deck.ts';
import { parseCommand, UsageError } from '../../core/run-main.ts';
import { shown, type WorkbookContext } from '../context.ts';
import { ankiExport } from './anki.ts';
import { wrap } from './markdown.ts';
import { mockInterview } from './mock.ts';
import { review } from './review.ts';
import { renderStats } from './stats.ts';
import { PracticeStore } from './store.ts';
import { processTerminal, type Terminal } from './terminal.ts';

export const PRACTICE_USAGE =
  'npm run practice [-- --chapter <chapter>] [--new <N>] | --stats | --mock [N] [--minutes <M>] | --export anki';

export const DEFAULT_MOCK_QUESTIONS = 5;
export const DEFAULT_MOCK_MINUTES = 4;

/** What the practice command was asked to do. */
export interface PracticeRequest {
  mode: 'review' | 'stats' | 'mock' | 'export';
  chapter?: string;
  newPerDay: number;
  questions: number;
  minutes: number;
}

function count(text: string, option: string, { min, max }: { min: number; max: number }): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`${option} needs a whole number from ${min} to ${max}, got "${text}"`, PRACTICE_USAGE);
  return value;
}

/**
 * Reads the practice command's arguments. `--mock` takes an optional count, written
 * `--mock 3` or `--mock=3`.
 *
 * @throws {UsageError} for unknown options, bad numbers, or modes that cannot be combined.
 */
export function parsePracticeArgs(args: readonly string[], chapters: readonly string[]): PracticeRequest {
  const { options, positionals } = parseCommand(args, {
    usage: PRACTICE_USAGE,
    options: { chapter: 'value', new: 'value', stats: 'flag', mock: 'flag-or-value', minutes: 'value', export: 'value' },
    positionals: { max: 1 },
  });
  const modes = (['stats', 'mock', 'export'] as const).filter((m) => options[m] !== undefined);
  if (modes.length > 1) throw new UsageError(`--${modes[0]} and --${modes[1]} cannot be combined`, PRACTICE_USAGE);
  const mode = modes[0] ?? 'review';
  let questions = DEFAULT_MOCK_QUESTIONS;
  if (mode === 'mock') {
    const given = typeof options.mock === 'string' ? options.mock : positionals[0];
    if (given !== undefined) questions = count(given, '--mock', { min: 1, max: 50 });
  } else if (positionals[0] !== undefined) throw new UsageError(`Unexpected argument "${positionals[0]}"`, PRACTICE_USAGE);
  if (options.minutes !== undefined && mode !== 'mock') throw new UsageError('--minutes sets the time per question of a mock interview; use it with --mock', PRACTICE_USAGE);
  let minutes = DEFAULT_MOCK_MINUTES;
  if (typeof options.minutes === 'string') {
    minutes = Number(options.minutes);
    if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 60) throw new UsageError(`--minutes needs a number of minutes above 0 and at most 60, got "${options.minutes}"`, PRACTICE_USAGE);
  }
  if (mode === 'export' && options.export !== 'anki') throw new UsageError(`--export knows one format, anki; got "${String(options.export)}"`, PRACTICE_USAGE);
  const newPerDay = typeof options.new === 'string' ? count(options.new, '--new', { min: 0, max: 1000 }) : DEFAULT_NEW_PER_DAY;
  let chapter: string | undefined;
  if (typeof options.chapter === 'string') {
    const wanted = options.chapter.replace(/^chapters\//, '').replace(/\/(README\.md)?$/, '');
    chapter = chapters.find((slug) => slug === wanted || slug.slice(0, 2) === wanted);
    if (!chapter) throw new UsageError(`No chapter with interview questions is called "${options.chapter}"; these have some: ${chapters.join(', ')}`, PRACTICE_USAGE);
  }
  return { mode, chapter, newPerDay, questions, minutes };
}

/**
 * `npm run practice`: spaced repetition over the interview questions of every chapter, and
 * timed mock interviews. State lives in `.workbook/practice.json`.
 */
export async function practiceCommand(context: WorkbookContext, args: string[], now: () => Date = () => new Date()): Promise<number> {
  const cards = await loadCards(context.root);
  const chapters = [...new Set(cards.map((c) => c.chapter))];
  const request = parsePracticeArgs(args, chapters);
  if (cards.length === 0) {
    console.log('No chapter has interview questions with key points yet, so there is nothing to practise.');
    return 0;
  }
  const pool = request.chapter ? cards.filter((c) => c.chapter === request.chapter) : cards;

  if (request.mode === 'export') {
    const file = path.join(context.stateDir, 'practice-anki.txt');
    writeFileAtomic(file, ankiExport(pool));
    console.log(
      `Wrote ${pool.length} cards to ${shown(context, file)}: tab-separated, front = the question, back = its key points (HTML), tag = the chapter. In Anki: File → Import, then choose that file; its header lines set the separator, HTML and the tags column.`,
    );
    return 0;
  }

  const store = new PracticeStore(context.stateDir);
  const deck = new Deck(cards, store.load(), { newPerDay: request.newPerDay });
  const notes: string[] = [];
  if (store.rebuiltFrom) {
    notes.push(`Your practice file could not be read (${store.rebuiltFrom.reason}). It was moved to ${shown(context, store.rebuiltFrom.aside)} and a new one was started.`);
  }
  for (const { from, to } of deck.moved) notes.push(`A question was reworded: your history of ${from} now belongs to ${to}.`);
  if (deck.moved.length) store.save(deck.state, deck.moved.map((m) => m.to), deck.moved.map((m) => m.from));

  if (request.mode === 'stats') {
    for (const note of notes) console.log(note);
    console.log(renderStats(deck, cards, now()));
    return 0;
  }

  const terminal = processTerminal();
  const stop = (): void => {
    terminal.close();
  };
  try {
    for (const note of notes) terminal.print(wrap(note, terminal.width).join('\n'));
    if (request.mode === 'mock') {
      await mockInterview({
        terminal,
        cards: drawMock(pool, request.questions),
        seconds: request.minutes * 60,
        stateDir: context.stateDir,
        display: (file) => shown(context, file),
        now,
      });
    } else {
      await review({ terminal, deck, store, cards: new Map<string, PracticeCard>(cards.map((c) => [c.id, c])), now, chapter: request.chapter, stateFile: shown(context, store.file) });
    }
  } finally {
    stop();
  }
  return 0;
}
