import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NEW_PER_DAY,
  Deck,
  type DeckCard,
  describeWait,
  drawMock,
  emptyState,
  parseState,
  PracticeStateError,
  serializeState,
} from '../../core/practice/deck.ts';

/**
 * The practice deck in virtual time: every call is given its `now`, so a month of reviews runs
 * in microseconds and each due date is exact.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Noon local time, so adding minutes never crosses a day boundary by accident. */
const start = new Date(2026, 4, 4, 12, 0, 0);
const at = (ms: number): Date => new Date(start.getTime() + ms);

function card(chapter: string, n: number, question = `Question ${n} of ${chapter}?`): DeckCard {
  return { id: `${chapter}/q${n}`, chapter, question, keyPoints: [`point one of ${n}`, `point two of ${n}`, `point three of ${n}`] };
}

const cards = [card('01-a', 1), card('01-a', 2), card('02-b', 1), card('02-b', 2), card('03-c', 1)];

/** Rates a card until FSRS has moved it out of its learning steps (Good, Good). */
function graduate(deck: Deck, id: string, now: Date): Date {
  let due = deck.rate(id, 'good', now).due;
  due = deck.rate(id, 'good', due).due;
  expect(deck.phase(id)).toBe('review');
  return due;
}

describe('scheduling', () => {
  it('brings a new card rated Good back later than one rated Hard', () => {
    const deck = new Deck(cards, emptyState());
    const hard = deck.rate('01-a/q1', 'hard', start).due;
    const good = deck.rate('01-a/q2', 'good', start).due;
    expect(good.getTime()).toBeGreaterThan(hard.getTime());
    expect(good.getTime() - start.getTime(), 'Good on a new card: the second learning step, 10 minutes').toBe(10 * MINUTE);
  });

  it('brings a learned card rated Good back later than one rated Hard, and Easy later still', () => {
    const deck = new Deck(cards, emptyState());
    const due1 = graduate(deck, '01-a/q1', start);
    const due2 = graduate(deck, '01-a/q2', start);
    const due3 = graduate(deck, '02-b/q1', start);
    expect([due1, due2, due3].map((d) => d.getTime())).toEqual([due1.getTime(), due1.getTime(), due1.getTime()]);
    const hard = deck.rate('01-a/q1', 'hard', due1).due;
    const good = deck.rate('01-a/q2', 'good', due1).due;
    const easy = deck.rate('02-b/q1', 'easy', due1).due;
    expect(hard.getTime() - due1.getTime()).toBeGreaterThan(DAY);
    expect(good.getTime()).toBeGreaterThan(hard.getTime());
    expect(easy.getTime()).toBeGreaterThan(good.getTime());
  });

  it('resets a learned card that lapses: relearning, one lapse, due again within minutes', () => {
    const deck = new Deck(cards, emptyState());
    const due = graduate(deck, '01-a/q1', start);
    const stabilityBefore = deck.record('01-a/q1')!.schedule.stability;
    const after = deck.rate('01-a/q1', 'again', due);
    expect(after.phase).toBe('relearning');
    expect(deck.record('01-a/q1')!.schedule.lapses).toBe(1);
    expect(after.due.getTime() - due.getTime(), 'the relearning step is 10 minutes').toBe(10 * MINUTE);
    expect(deck.record('01-a/q1')!.schedule.stability).toBeLessThan(stabilityBefore);
  });

  it('previews the due date of each rating without changing the card', () => {
    const deck = new Deck(cards, emptyState());
    const preview = deck.preview('01-a/q1', start);
    expect(deck.record('01-a/q1')).toBeUndefined();
    expect(preview.good.getTime()).toBe(deck.rate('01-a/q1', 'good', start).due.getTime());
    expect(preview.again.getTime()).toBeLessThan(preview.hard.getTime());
  });

  it('refuses an unknown card and an unknown rating', () => {
    const deck = new Deck(cards, emptyState());
    expect(() => deck.rate('01-a/nope', 'good', start)).toThrow(RangeError);
    expect(() => deck.rate('01-a/q1', 'perfect' as never, start)).toThrow(RangeError);
  });
});

describe('what a session shows', () => {
  it('shows reviews due first, then new cards in order, and nothing once both are done', () => {
    const deck = new Deck(cards, emptyState());
    expect(deck.next(start)?.id).toBe('01-a/q1');
    const due = graduate(deck, '01-a/q1', start);
    expect(deck.next(start)?.id, 'the learned card is not due yet: the next new card').toBe('01-a/q2');
    expect(deck.next(due)?.id, 'once due, the learned card comes first').toBe('01-a/q1');
  });

  it('shows a card rated Again again in the same session, after the other cards', () => {
    const deck = new Deck(cards, emptyState(), { newPerDay: 2 });
    deck.rate('01-a/q1', 'again', start);
    expect(deck.next(start)?.id, 'another new card first').toBe('01-a/q2');
    deck.rate('01-a/q2', 'easy', start);
    expect(deck.next(start)?.id, 'then the card in its learning steps, due within the learn-ahead window').toBe('01-a/q1');
  });

  it(`introduces at most ${DEFAULT_NEW_PER_DAY} new cards a day by default, and the --new number when given`, () => {
    const many = Array.from({ length: 14 }, (_, i) => card('01-a', i));
    const deck = new Deck(many, emptyState());
    for (let i = 0; i < DEFAULT_NEW_PER_DAY; i++) deck.rate(deck.next(start)!.id, 'easy', start);
    expect(deck.next(at(MINUTE))).toBeUndefined();
    expect(deck.counts(at(MINUTE))).toEqual({ due: 0, new: 0 });
    expect(deck.next(at(DAY))?.id, 'the next day brings new cards again').toBe('01-a/q10');
    const two = new Deck(many, emptyState(), { newPerDay: 2 });
    two.rate('01-a/q0', 'easy', start);
    two.rate('01-a/q1', 'easy', start);
    expect(two.counts(start)).toEqual({ due: 0, new: 0 });
  });

  it('limits a session to one chapter', () => {
    const deck = new Deck(cards, emptyState());
    expect(deck.next(start, { chapter: '02-b' })?.id).toBe('02-b/q1');
    deck.rate('02-b/q1', 'easy', start);
    deck.rate('02-b/q2', 'easy', start);
    expect(deck.next(start, { chapter: '02-b' })).toBeUndefined();
    expect(deck.counts(start, { chapter: '03-c' })).toEqual({ due: 0, new: 1 });
  });
});

describe('saved state', () => {
  it('survives a restart: the same due dates and the same next card', () => {
    const before = new Deck(cards, emptyState());
    graduate(before, '01-a/q1', start);
    before.rate('01-a/q2', 'hard', start);
    const text = serializeState(before.state);
    const after = new Deck(cards, parseState(text));
    for (const c of cards) expect(after.due(c.id)?.toISOString(), c.id).toBe(before.due(c.id)?.toISOString());
    const later = at(3 * DAY);
    expect(after.next(later)?.id).toBe(before.next(later)?.id);
    expect(after.stats(later)).toEqual(before.stats(later));
  });

  it('refuses text that is not a practice state, saying why', () => {
    expect(() => parseState('{ nope')).toThrow(PracticeStateError);
    expect(() => parseState('{"version": 2, "cards": {}}')).toThrow(/version/);
    expect(() => parseState('{"version": 1, "cards": {"x/y": {"question": "q"}}}')).toThrow(/"x\/y" is malformed/);
    const deck = new Deck(cards, emptyState());
    deck.rate('01-a/q1', 'good', start);
    const state = JSON.parse(serializeState(deck.state));
    state.cards['01-a/q1'].schedule.due = 'tomorrow-ish';
    expect(() => parseState(JSON.stringify(state))).toThrow(PracticeStateError);
  });
});

describe('a reworded question', () => {
  it('keeps its history under the new id and says what the question used to be', () => {
    const first = new Deck(cards, emptyState());
    const due = graduate(first, '02-b/q1', start);
    const reworded = cards.map((c) => (c.id === '02-b/q1' ? { ...c, id: '02-b/q1-new-wording', question: 'Question 1 of 02-b, reworded?' } : c));
    const deck = new Deck(reworded, parseState(serializeState(first.state)));
    expect(deck.moved).toEqual([{ from: '02-b/q1', to: '02-b/q1-new-wording' }]);
    expect(deck.due('02-b/q1-new-wording')?.getTime()).toBe(due.getTime());
    expect(deck.record('02-b/q1-new-wording')!.formerIds).toEqual(['02-b/q1']);
    expect(deck.record('02-b/q1-new-wording')!.reviews).toHaveLength(2);
    expect(deck.rewordedFrom('02-b/q1-new-wording')).toBe('Question 1 of 02-b?');
    deck.rate('02-b/q1-new-wording', 'good', due);
    expect(deck.rewordedFrom('02-b/q1-new-wording'), 'said once, then the new wording is the one remembered').toBeUndefined();
    expect(deck.record('02-b/q1-new-wording')!.formerIds).toEqual(['02-b/q1']);
  });

  it('says so when the wording changes but the slug does not', () => {
    const first = new Deck(cards, emptyState());
    first.rate('01-a/q1', 'good', start);
    const deck = new Deck(cards.map((c) => (c.id === '01-a/q1' ? { ...c, question: 'Question `1` of 01-a?' } : c)), first.state);
    expect(deck.moved).toEqual([]);
    expect(deck.rewordedFrom('01-a/q1')).toBe('Question 1 of 01-a?');
  });

  it('leaves a history alone when no card of its chapter resembles it, and counts it as retired', () => {
    const first = new Deck(cards, emptyState());
    first.rate('03-c/q1', 'good', start);
    const other = { id: '03-c/unrelated', chapter: '03-c', question: 'Something else entirely?', keyPoints: ['alpha', 'beta', 'gamma'] };
    const deck = new Deck([...cards.filter((c) => c.id !== '03-c/q1'), other], first.state);
    expect(deck.moved).toEqual([]);
    expect(deck.record('03-c/q1')).toBeDefined();
    expect(deck.record('03-c/unrelated')).toBeUndefined();
    expect(deck.stats(start).retired).toBe(1);
  });
});

describe('statistics', () => {
  it('counts what is due, the streak of days, and retention of learned cards per chapter', () => {
    const deck = new Deck(cards, emptyState());
    const due = graduate(deck, '01-a/q1', start);
    graduate(deck, '02-b/q1', at(DAY));
    deck.rate('01-a/q1', 'again', due);
    const stats = deck.stats(due);
    expect(due.getTime() - start.getTime(), 'Good, Good on a new card: due two days after the second step').toBe(2 * DAY + 10 * MINUTE);
    expect(stats.streak, 'reviews on three days in a row').toBe(3);
    expect(stats.retention).toBe(0);
    expect(stats.retentionReviews).toBe(1);
    const a = stats.chapters.find((c) => c.chapter === '01-a')!;
    expect(a).toMatchObject({ cards: 2, unseen: 1, learned: 0, dueToday: 1, retention: 0 });
    expect(stats.chapters.map((c) => c.chapter)).toEqual(['01-a', '02-b', '03-c']);
  });

  it('counts a streak of consecutive days and breaks it on a day without reviews', () => {
    const deck = new Deck(cards, emptyState());
    deck.rate('01-a/q1', 'easy', start);
    deck.rate('01-a/q2', 'easy', at(DAY));
    deck.rate('02-b/q1', 'easy', at(2 * DAY));
    expect(deck.stats(at(2 * DAY)).streak).toBe(3);
    expect(deck.stats(at(3 * DAY)).streak, 'nothing yet today: the streak still counts up to yesterday').toBe(3);
    expect(deck.stats(at(4 * DAY)).streak, 'a whole day missed').toBe(0);
    expect(deck.stats(at(2 * DAY)).reviewedToday).toBe(1);
  });

  it('measures retention only over reviews of learned cards in the last 30 days', () => {
    const deck = new Deck(cards, emptyState());
    const due = graduate(deck, '01-a/q1', start);
    const next = deck.rate('01-a/q1', 'good', due).due;
    deck.rate('01-a/q1', 'again', next);
    expect(deck.stats(next).retention).toBe(0.5);
    expect(deck.stats(at(200 * DAY)).retention).toBeUndefined();
  });
});

describe('mock interviews and wording', () => {
  const seeded = (seed: number): (() => number) => {
    let s = seed;
    return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  };

  it('draws distinct cards spread across chapters before taking a second from any', () => {
    const drawn = drawMock(cards, 3, seeded(7));
    expect(new Set(drawn.map((c) => c.chapter)).size).toBe(3);
    const five = drawMock(cards, 5, seeded(7));
    expect(new Set(five.map((c) => c.id)).size).toBe(5);
    expect(drawMock(cards, 9, seeded(1))).toHaveLength(5);
    expect(drawMock(cards, 4, seeded(3))).toEqual(drawMock(cards, 4, seeded(3)));
  });

  it('describes a wait in words', () => {
    expect(describeWait(start, at(MINUTE))).toBe('1 minute');
    expect(describeWait(start, at(10 * MINUTE))).toBe('10 minutes');
    expect(describeWait(start, at(5 * 60 * MINUTE))).toBe('5 hours');
    expect(describeWait(start, at(3 * DAY))).toBe('3 days');
    expect(describeWait(start, at(61 * DAY))).toBe('2 months');
    expect(describeWait(start, at(365 * DAY))).toBe('1 year');
  });
});
