import pc from 'picocolors';
import type { PracticeCard } from '../../core/practice/cards.ts';
import { type Deck, describeWait, RATINGS } from '../../core/practice/deck.ts';
import { renderBlocks, renderInline, wrap } from './markdown.ts';
import type { PracticeStore } from './store.ts';
import type { Terminal } from './terminal.ts';

/** What a review session works with. */
export interface ReviewContext {
  terminal: Terminal;
  deck: Deck;
  store: PracticeStore;
  cards: Map<string, PracticeCard>;
  now: () => Date;
  chapter?: string;
  /** The state file as shown to the learner. */
  stateFile: string;
}

/** A due date for people: "Mon 4 May, 12:10". */
export function when(date: Date): string {
  return date.toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

const chapterLabel = (card: PracticeCard): string => `${card.chapter.slice(0, 2)} ${card.chapterTitle}`;

/**
 * Shows the cards that are due, one at a time: the question; on a key, its key points and, on
 * another, the four-part answer; then the learner's rating, which FSRS turns into the next due
 * date. Every rating is saved at once. Returns the number of cards rated.
 */
export async function review(context: ReviewContext): Promise<number> {
  const { terminal, deck } = context;
  let rated = 0;
  let note = '';
  for (;;) {
    const next = deck.next(context.now(), { chapter: context.chapter });
    if (!next) break;
    const card = context.cards.get(next.id)!;
    const outcome = await showCard(context, card, note);
    if (outcome === 'quit') {
      terminal.print(wrap(farewell(context, rated), terminal.width).join('\n'));
      return rated;
    }
    const now = context.now();
    const { due } = deck.rate(card.id, outcome, now);
    context.store.save(deck.state, [card.id]);
    rated++;
    const label = RATINGS.find((r) => r.name === outcome)!.label;
    note = `${label}: next review in ${describeWait(now, due)} (${when(due)}).`;
    if (!terminal.tty) terminal.print(note);
  }
  if (terminal.tty && note) terminal.show(note);
  terminal.print(wrap(farewell(context, rated), terminal.width).join('\n'));
  return rated;
}

function farewell(context: ReviewContext, rated: number): string {
  const { deck } = context;
  const now = context.now();
  const upcoming = deck.cards
    .filter((c) => !context.chapter || c.chapter === context.chapter)
    .map((c) => deck.due(c.id))
    .filter((d): d is Date => d !== undefined && d.getTime() > now.getTime())
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const stats = deck.stats(now);
  const done = rated === 0 ? 'Nothing is due right now.' : `Done for now: ${rated} card${rated === 1 ? '' : 's'} reviewed.`;
  const next = upcoming ? ` The next card is due in ${describeWait(now, upcoming)} (${when(upcoming)}).` : '';
  const streak = stats.streak ? ` Streak: ${stats.streak} day${stats.streak === 1 ? '' : 's'}.` : '';
  const fresh = deck.counts(now, { chapter: context.chapter }).new === 0 && stats.chapters.some((c) => c.unseen > 0) ? ' New cards: more tomorrow, or ask for them with --new <N>.' : '';
  return `${done}${next}${streak}${fresh} Your practice is saved in ${context.stateFile}.`;
}

type Outcome = (typeof RATINGS)[number]['name'] | 'quit';

async function showCard(context: ReviewContext, card: PracticeCard, note: string): Promise<Outcome> {
  const { terminal, deck } = context;
  const width = terminal.width;
  let revealed = false;
  let answer = false;
  // On a terminal each change redraws the whole card; piped, only what was added is printed.
  let printed = 0;
  const draw = (): void => {
    const lines: string[] = [];
    if (terminal.tty && note) lines.push(pc.green(note), '');
    const counts = deck.counts(context.now(), { chapter: context.chapter });
    const phase = deck.phase(card.id);
    const status = phase === 'new' ? 'new card' : phase === 'review' ? `due ${when(deck.due(card.id)!)}` : `${phase}, step ${deck.record(card.id)!.schedule.learning_steps + 1}`;
    lines.push(pc.dim(`Practice · ${chapterLabel(card)} · ${status} · ${counts.due} due, ${counts.new} new left today`), '');
    lines.push(...wrap(pc.bold(renderInline(card.question)), width));
    const reworded = deck.rewordedFrom(card.id);
    if (reworded) {
      lines.push('', ...wrap(pc.yellow(`This question was reworded since your last review; it used to read: "${renderInline(reworded)}". Your history with it is kept.`), width));
    }
    const front = lines.length;
    if (revealed) {
      lines.push('', pc.bold('Key points'));
      for (const point of card.keyPoints) lines.push(...wrap(renderInline(point), width, '  • ', '    '));
    }
    if (answer) {
      for (const part of card.answer) {
        lines.push('', pc.bold(pc.underline(part.title)), ...renderBlocks(part.markdown, width, `chapters/${card.chapter}/README.md`));
      }
    }
    const body = lines.length;
    lines.push('');
    if (revealed) {
      const preview = deck.preview(card.id, context.now());
      const choices = RATINGS.map((r) => `${pc.bold(r.key)} ${r.label} (${describeWait(context.now(), preview[r.name])})`.replace(/ /g, '\u00a0')).join(' · ');
      lines.push('How well did you recall it?', ...wrap(choices, width, '  ', '  '));
      lines.push(pc.dim(`${answer ? '' : 'a the full answer · '}q quit${terminal.tty ? '' : ' (type the key, then Enter)'}`));
    } else {
      lines.push(pc.dim(terminal.tty ? 'Space the key points · a the full answer · q quit' : 'Enter the key points · a the full answer · q quit (type the key, then Enter)'));
    }
    if (terminal.tty) terminal.show(lines.join('\n'));
    else {
      // The prompt is reprinted after each addition; the card's own lines only once.
      terminal.show([...lines.slice(printed ? Math.max(printed, front) : 0, body), ...lines.slice(body)].join('\n').replace(/^\n+/, ''));
      printed = body;
    }
  };
  draw();
  for (;;) {
    const key = await terminal.key();
    if (key.kind === 'end' || key.kind === 'interrupt') return 'quit';
    const char = key.kind === 'char' ? key.char.toLowerCase() : undefined;
    if (char === 'q') return 'quit';
    if (!revealed && (key.kind === 'enter' || char === ' ' || char === 's')) {
      revealed = true;
      draw();
    } else if (char === 'a' && !answer) {
      revealed = true;
      answer = true;
      draw();
    } else if (revealed && char) {
      const rating = RATINGS.find((r) => r.key === char);
      if (rating) return rating.name;
    } else if (!revealed && char && RATINGS.some((r) => r.key === char)) {
      // Rating before seeing the back would be a guess: show the key points first.
      revealed = true;
      draw();
    }
  }
}
