import path from 'node:path';
import pc from 'picocolors';
import { writeFileAtomic } from '../../core/files.ts';
import type { PracticeCard } from '../../core/practice/cards.ts';
import { renderInline, wrap } from './markdown.ts';
import type { Terminal } from './terminal.ts';

/**
 * A mock interview: questions drawn across chapters, a visible countdown for each, an optional
 * typed answer, then the question's key points as a checklist the candidate ticks. Answers go
 * to `.workbook/mock/<time>.md`, rewritten after every question, so nothing typed is lost.
 */

export interface MockOptions {
  terminal: Terminal;
  cards: PracticeCard[];
  /** Seconds allowed per question. */
  seconds: number;
  /** `.workbook/`: answers go to its `mock/` folder. */
  stateDir: string;
  /** How the answers file is named in messages (relative to the workbook). */
  display: (file: string) => string;
  now: () => Date;
}

export interface MockAnswer {
  card: PracticeCard;
  text: string;
  /** Seconds used, at most the time allowed. */
  seconds: number;
  timedOut: boolean;
  /** Indexes of the key points the candidate ticked. */
  hit: number[];
}

export interface MockResult {
  file: string;
  answers: MockAnswer[];
  /** False when the candidate stopped before the last question. */
  finished: boolean;
}

/** `m:ss` */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The answers file as Markdown. */
export function answersMarkdown(started: Date, seconds: number, answers: MockAnswer[], total: number): string {
  const lines = [`# Mock interview, ${started.toLocaleString('en-GB', { dateStyle: 'full', timeStyle: 'short' })}`, ''];
  lines.push(`${total} question${total === 1 ? '' : 's'}, ${clock(seconds)} each.`, '');
  answers.forEach((answer, i) => {
    const { card } = answer;
    lines.push(`## ${i + 1}. ${card.question}`, '');
    lines.push(
      `Chapter ${card.chapter.slice(0, 2)}, ${card.chapterTitle} · time used ${clock(answer.seconds)} of ${clock(seconds)}${answer.timedOut ? ' (time ran out)' : ''} · key points made: ${answer.hit.length} of ${card.keyPoints.length}`,
      '',
    );
    lines.push('### Your answer', '', answer.text.trim() || '_(answered out loud, or not typed)_', '');
    lines.push('### Key points', '', ...card.keyPoints.map((point, k) => `- [${answer.hit.includes(k) ? 'x' : ' '}] ${point}`), '');
    lines.push(`The full answer: chapters/${card.chapter}/README.md#${card.slug}`, '');
  });
  if (answers.length) {
    const hit = answers.reduce((sum, a) => sum + a.hit.length, 0);
    const of = answers.reduce((sum, a) => sum + a.card.keyPoints.length, 0);
    const used = answers.reduce((sum, a) => sum + a.seconds, 0);
    lines.push('## Summary', '', '| # | question | key points made | time used |', '|---|---|---|---|');
    answers.forEach((a, i) => lines.push(`| ${i + 1} | ${a.card.question.replace(/\|/g, '\\|')} | ${a.hit.length} of ${a.card.keyPoints.length} | ${clock(a.seconds)} |`));
    lines.push('', `In all: ${hit} of ${of} key points, ${clock(used)}.`, '');
  }
  return lines.join('\n');
}

/** Runs the interview over `cards`, in the order given. */
export async function mockInterview(options: MockOptions): Promise<MockResult> {
  const { terminal, cards, seconds } = options;
  const started = options.now();
  const file = path.join(options.stateDir, 'mock', `${started.toISOString().replace(/[:.]/g, '-')}.md`);
  const answers: MockAnswer[] = [];
  const save = (): void => writeFileAtomic(file, answersMarkdown(started, seconds, answers, cards.length));
  const chapters = new Set(cards.map((c) => c.chapter)).size;
  terminal.print(
    wrap(
      `Mock interview: ${cards.length} question${cards.length === 1 ? '' : 's'} from ${chapters} chapter${chapters === 1 ? '' : 's'}, ${clock(seconds)} each. Answer out loud or type your answer; then tick the key points you made. Your answers are kept in ${options.display(file)}.`,
      terminal.width,
    ).join('\n'),
  );
  for (const [i, card] of cards.entries()) {
    const heading = `Question ${i + 1} of ${cards.length} · ${card.chapter.slice(0, 2)} ${card.chapterTitle}`;
    const typed = terminal.tty ? await typeOnTerminal(options, card, heading) : await typePiped(options, card, heading);
    if (typed.aborted) {
      save();
      terminal.print(`Stopped after ${answers.length} question${answers.length === 1 ? '' : 's'}. ${summary(answers, options.display(file))}`);
      return { file, answers, finished: false };
    }
    const hit = await checklist(terminal, card);
    answers.push({ card, text: typed.text, seconds: Math.min(seconds, typed.seconds), timedOut: typed.timedOut, hit });
    save();
  }
  save();
  terminal.show(report(answers, options.display(file), seconds, terminal.width));
  return { file, answers, finished: true };
}

function summary(answers: MockAnswer[], where: string): string {
  const hit = answers.reduce((sum, a) => sum + a.hit.length, 0);
  const of = answers.reduce((sum, a) => sum + a.card.keyPoints.length, 0);
  return `${answers.length ? `${hit} of ${of} key points. ` : ''}Your answers: ${where}`;
}

function report(answers: MockAnswer[], where: string, seconds: number, width: number): string {
  const used = answers.reduce((sum, a) => sum + a.seconds, 0);
  const lines = [pc.bold(`Mock interview finished: ${answers.length} question${answers.length === 1 ? '' : 's'} in ${clock(used)}.`), ''];
  answers.forEach((a, i) => {
    const mark = `${i + 1}. `;
    lines.push(...wrap(`${renderInline(a.card.question)}`, width, mark, ' '.repeat(mark.length)));
    lines.push(`   key points ${a.hit.length} of ${a.card.keyPoints.length} · ${clock(a.seconds)} of ${clock(seconds)}${a.timedOut ? ' (time ran out)' : ''}`);
  });
  lines.push('', summary(answers, where));
  return lines.join('\n');
}

interface Typed {
  text: string;
  seconds: number;
  timedOut: boolean;
  aborted: boolean;
}

/** On a terminal: the question, a countdown redrawn every second, and a small line editor. */
async function typeOnTerminal(options: MockOptions, card: PracticeCard, heading: string): Promise<Typed> {
  const { terminal, seconds } = options;
  const start = options.now().getTime();
  const deadline = start + seconds * 1000;
  let text = '';
  const left = (): number => (deadline - options.now().getTime()) / 1000;
  const draw = (): void => {
    const remaining = left();
    const countdown = `${clock(remaining)} left`;
    const lines = [`${pc.dim(heading)} · ${remaining <= 30 ? pc.yellow(countdown) : countdown}`, ''];
    lines.push(...wrap(pc.bold(renderInline(card.question)), terminal.width), '');
    lines.push(pc.dim('Answer out loud, or type it here (optional). Press Enter twice or Esc when you are done.'), '');
    for (const line of `${text}\u2588`.split('\n')) lines.push(...wrap(line, terminal.width));
    terminal.show(lines.join('\n'));
  };
  for (;;) {
    draw();
    const remaining = deadline - options.now().getTime();
    if (remaining <= 0) return { text, seconds, timedOut: true, aborted: false };
    const key = await terminal.keyWithin(Math.min(remaining, 1000 - ((options.now().getTime() - start) % 1000)));
    const used = (options.now().getTime() - start) / 1000;
    if (!key) continue;
    if (key.kind === 'interrupt' || key.kind === 'end') return { text, seconds: used, timedOut: false, aborted: true };
    if (key.kind === 'escape') return { text, seconds: used, timedOut: false, aborted: false };
    if (key.kind === 'enter') {
      if (text === '' || text.endsWith('\n')) return { text: text.replace(/\n+$/, ''), seconds: used, timedOut: false, aborted: false };
      text += '\n';
    } else if (key.kind === 'backspace') text = [...text].slice(0, -1).join('');
    else if (key.kind === 'char') text += key.char;
  }
}

/** Without a terminal: the question, the time announced each minute, and lines until an empty one. */
async function typePiped(options: MockOptions, card: PracticeCard, heading: string): Promise<Typed> {
  const { terminal, seconds } = options;
  const start = options.now().getTime();
  const deadline = start + seconds * 1000;
  terminal.print(`\n${heading}`);
  terminal.print(wrap(renderInline(card.question), terminal.width).join('\n'));
  terminal.print(`You have ${clock(seconds)}. Answer out loud, or type your answer (optional); end it with an empty line.`);
  const lines: string[] = [];
  for (;;) {
    const remaining = deadline - options.now().getTime();
    if (remaining <= 0) {
      terminal.print('Time is up.');
      return { text: lines.join('\n'), seconds, timedOut: true, aborted: false };
    }
    // Announce the time left at each whole minute, and at 30 seconds.
    const secondsLeft = remaining / 1000;
    const marks = [Math.floor((secondsLeft - 0.001) / 60) * 60, 30].filter((m) => m > 0 && m < secondsLeft);
    const nextMark = Math.max(0, ...marks);
    const line = await terminal.lineWithin(Math.max(1, remaining - nextMark * 1000));
    if (line === null) return { text: lines.join('\n'), seconds: (options.now().getTime() - start) / 1000, timedOut: false, aborted: lines.length === 0 };
    if (line === undefined) {
      if (nextMark > 0 && deadline - options.now().getTime() > 0) terminal.print(`${clock(nextMark)} left.`);
      continue;
    }
    if (line.trim() === '') return { text: lines.join('\n'), seconds: (options.now().getTime() - start) / 1000, timedOut: false, aborted: false };
    lines.push(line);
  }
}

/** The key points as a checklist; returns the indexes ticked. */
async function checklist(terminal: Terminal, card: PracticeCard): Promise<number[]> {
  const ticked = new Set<number>();
  if (!terminal.tty) {
    terminal.print('Which key points did your answer make?');
    card.keyPoints.forEach((point, i) => terminal.print(wrap(renderInline(point), terminal.width, `  ${i + 1}. `, '     ').join('\n')));
    terminal.print('Type their numbers (for example: 1 3 4), or just Enter for none.');
    const line = (await terminal.line()) ?? '';
    for (const n of line.match(/\d+/g) ?? []) {
      const index = Number(n) - 1;
      if (index >= 0 && index < card.keyPoints.length) ticked.add(index);
    }
    terminal.print(`Key points made: ${ticked.size} of ${card.keyPoints.length}.`);
    return [...ticked].sort((a, b) => a - b);
  }
  for (;;) {
    const lines = [pc.bold(renderInline(card.question)), '', 'Which key points did your answer make?', ''];
    card.keyPoints.forEach((point, i) => {
      const box = ticked.has(i) ? pc.green('[x]') : '[ ]';
      lines.push(...wrap(renderInline(point), terminal.width, `${box} ${i + 1}  `, '       '));
    });
    lines.push('', pc.dim(`Press 1–${card.keyPoints.length} to tick or untick a point, Enter when done.`));
    terminal.show(lines.join('\n'));
    const key = await terminal.key();
    if (key.kind === 'enter' || key.kind === 'end' || key.kind === 'interrupt' || key.kind === 'escape') return [...ticked].sort((a, b) => a - b);
    if (key.kind === 'char') {
      const index = Number(key.char) - 1;
      if (Number.isInteger(index) && index >= 0 && index < card.keyPoints.length) {
        if (ticked.has(index)) ticked.delete(index);
        else ticked.add(index);
      }
    }
  }
}
