import { type Card, createEmptyCard, fsrs, type Grade, Rating, State } from 'ts-fsrs';

/**
 * The practice deck: which card to show next, what a rating does to it, and what the learner's
 * history adds up to. One module for both sides: `npm run practice` imports it, and the site's
 * build compiles it for the Practice page, so a card is scheduled the same way in the terminal
 * and in the browser. It imports nothing but `ts-fsrs`, and reads no clock: every method takes
 * `now`, so tests run it in virtual time.
 *
 * @example
 * const deck = new Deck(cards, emptyState());
 * const card = deck.next(now);            // the first card due, or a new one
 * deck.rate(card.id, 'good', now);        // scheduled by FSRS; deck.state is what to save
 */

/** FSRS settings: 90 % target retention, no random fuzz (the same card is due at the same time on every side), learning steps of 1 and 10 minutes. */
export const SCHEDULER_PARAMETERS = {
  request_retention: 0.9,
  maximum_interval: 36500,
  enable_fuzz: false,
  enable_short_term: true,
  learning_steps: ['1m', '10m'],
  relearning_steps: ['10m'],
} as const;

/** New cards introduced per day unless the learner asks for another number. */
export const DEFAULT_NEW_PER_DAY = 10;
/** A card in its learning steps that is due within this many minutes is shown again in the same session. */
export const LEARN_AHEAD_MINUTES = 20;
/** The window over which retention is measured. */
export const RETENTION_DAYS = 30;
/** The format of the saved state; bumped when it changes shape. */
export const STATE_VERSION = 1;

export type RatingName = 'again' | 'hard' | 'good' | 'easy';

/** The four answers a learner gives about a card, with the key that picks each. */
export const RATINGS: ReadonlyArray<{ name: RatingName; key: '1' | '2' | '3' | '4'; label: string; grade: Grade }> = [
  { name: 'again', key: '1', label: 'Again', grade: Rating.Again },
  { name: 'hard', key: '2', label: 'Hard', grade: Rating.Hard },
  { name: 'good', key: '3', label: 'Good', grade: Rating.Good },
  { name: 'easy', key: '4', label: 'Easy', grade: Rating.Easy },
];

/** What the deck needs to know about a card (a {@link PracticeCard} has all of it). */
export interface DeckCard {
  id: string;
  chapter: string;
  question: string;
  keyPoints: string[];
}

/** A card's FSRS memory state, as saved (dates as ISO strings). */
export interface SavedSchedule {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  /** 0 new, 1 learning, 2 review, 3 relearning (ts-fsrs's `State`). */
  state: number;
  last_review?: string;
}

/** One rating, kept for the statistics. */
export interface ReviewEntry {
  at: string;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  rating: number;
  /** The card's state before this rating. */
  state: number;
  /** When the card was due next after it. */
  due: string;
}

/** Everything remembered about one card. */
export interface CardRecord {
  /** The question's wording at the last review: a different wording now means it was reworded. */
  question: string;
  /** The key points at the last review; they let a reworded question find its history. */
  keyPoints: string[];
  schedule: SavedSchedule;
  reviews: ReviewEntry[];
  /** Earlier ids whose history this card carries (its question was reworded). */
  formerIds?: string[];
}

/** The learner's practice state: `.workbook/practice.json`, or `localStorage` on the site. */
export interface PracticeState {
  version: typeof STATE_VERSION;
  cards: Record<string, CardRecord>;
}

/** The saved state could not be read; the caller moves it aside and starts a new one. */
export class PracticeStateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PracticeStateError';
  }
}

export function emptyState(): PracticeState {
  return { version: STATE_VERSION, cards: {} };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDate = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

/**
 * Reads saved state from its JSON text, checking its shape.
 *
 * @throws {PracticeStateError} when the text is not JSON, is another version, or a record is malformed.
 */
export function parseState(text: string): PracticeState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PracticeStateError('it is not valid JSON', { cause: error });
  }
  if (!isObject(data) || data.version !== STATE_VERSION || !isObject(data.cards)) {
    throw new PracticeStateError(`expected {"version": ${STATE_VERSION}, "cards": {…}}`);
  }
  for (const [id, record] of Object.entries(data.cards)) {
    const schedule = isObject(record) ? record.schedule : undefined;
    const ok =
      isObject(record) &&
      typeof record.question === 'string' &&
      Array.isArray(record.keyPoints) &&
      Array.isArray(record.reviews) &&
      isObject(schedule) &&
      isDate(schedule.due) &&
      ['stability', 'difficulty', 'elapsed_days', 'scheduled_days', 'learning_steps', 'reps', 'lapses', 'state'].every((k) => isNumber(schedule[k])) &&
      (schedule.last_review === undefined || isDate(schedule.last_review)) &&
      record.reviews.every((r) => isObject(r) && isDate(r.at) && isNumber(r.rating) && isNumber(r.state));
    if (!ok) throw new PracticeStateError(`the record of card "${id}" is malformed`);
  }
  return data as unknown as PracticeState;
}

/** The saved state as the text to write. */
export function serializeState(state: PracticeState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

function toCard(schedule: SavedSchedule): Card {
  return {
    ...schedule,
    state: schedule.state as State,
    due: new Date(schedule.due),
    last_review: schedule.last_review === undefined ? undefined : new Date(schedule.last_review),
  };
}

function toSaved(card: Card): SavedSchedule {
  const saved: SavedSchedule = {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
  };
  if (card.last_review) saved.last_review = card.last_review.toISOString();
  return saved;
}

/** `YYYY-MM-DD` of a moment in local time: the learner's day. */
export function dayOf(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function endOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1);
}

/** Where a card stands: never seen, in its short learning steps, or scheduled days ahead. */
export type CardPhase = 'new' | 'learning' | 'review' | 'relearning';

const PHASES: Record<number, CardPhase> = { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' };

/** A history carried over to a card whose question was reworded. */
export interface MovedHistory {
  from: string;
  to: string;
}

export interface ChapterStats {
  chapter: string;
  cards: number;
  /** Never reviewed. */
  unseen: number;
  /** Scheduled days ahead (FSRS "review" state). */
  learned: number;
  /** Due by the end of today. */
  dueToday: number;
  retention: number | undefined;
}

export interface PracticeStats {
  /** Reviews due now. */
  dueNow: number;
  /** Reviews due by the end of today, plus the new cards today still allows. */
  dueToday: number;
  newAvailable: number;
  reviewedToday: number;
  /** Of the reviews of learned cards in the last 30 days, the share not rated Again. */
  retention: number | undefined;
  retentionReviews: number;
  /** Consecutive days with at least one review, up to today (or yesterday, if none yet today). */
  streak: number;
  chapters: ChapterStats[];
  /** Saved histories whose question no longer exists on any page. */
  retired: number;
}

export interface DeckOptions {
  /** New cards introduced per day (default {@link DEFAULT_NEW_PER_DAY}). */
  newPerDay?: number;
}

export interface NextOptions {
  /** Only cards of this chapter slug. */
  chapter?: string;
}

/**
 * The cards, the learner's state, and the FSRS scheduler over them. Creating a deck carries the
 * history of a reworded question over to its new id (see {@link Deck.moved}); `state` is then
 * what to save.
 */
export class Deck {
  readonly cards: readonly DeckCard[];
  readonly state: PracticeState;
  readonly newPerDay: number;
  /** Histories carried over to reworded questions when the deck was created. */
  readonly moved: MovedHistory[];
  #byId: Map<string, DeckCard>;
  #scheduler = fsrs(SCHEDULER_PARAMETERS);

  constructor(cards: readonly DeckCard[], state: PracticeState, options: DeckOptions = {}) {
    this.cards = cards;
    this.state = state;
    this.newPerDay = options.newPerDay ?? DEFAULT_NEW_PER_DAY;
    this.#byId = new Map(cards.map((card) => [card.id, card]));
    this.moved = this.#carryReworded();
  }

  card(id: string): DeckCard | undefined {
    return this.#byId.get(id);
  }

  record(id: string): CardRecord | undefined {
    return this.state.cards[id];
  }

  phase(id: string): CardPhase {
    const record = this.state.cards[id];
    return record ? (PHASES[record.schedule.state] ?? 'review') : 'new';
  }

  /** The earlier wording of a card's question when it changed since the last review. */
  rewordedFrom(id: string): string | undefined {
    const record = this.state.cards[id];
    const card = this.#byId.get(id);
    return record && card && record.question !== card.question ? record.question : undefined;
  }

  /** When a card is due, or `undefined` for a card never reviewed. */
  due(id: string): Date | undefined {
    const record = this.state.cards[id];
    return record ? new Date(record.schedule.due) : undefined;
  }

  /** How many new cards may still be introduced today. */
  newLeft(now: Date): number {
    const today = dayOf(now);
    const introduced = Object.values(this.state.cards).filter((r) => r.reviews[0] && dayOf(new Date(r.reviews[0].at)) === today).length;
    return Math.max(0, this.newPerDay - introduced);
  }

  /**
   * The next card to show: first every review due now (oldest due first), then new cards in
   * workbook order while today's allowance lasts, then cards in their learning steps due
   * within {@link LEARN_AHEAD_MINUTES}. `undefined` when nothing is left for now.
   */
  next(now: Date, options: NextOptions = {}): DeckCard | undefined {
    const cards = options.chapter ? this.cards.filter((c) => c.chapter === options.chapter) : this.cards;
    const seen = cards.filter((c) => this.state.cards[c.id]);
    const byDue = (a: DeckCard, b: DeckCard): number => this.due(a.id)!.getTime() - this.due(b.id)!.getTime();
    const dueNow = seen.filter((c) => this.due(c.id)!.getTime() <= now.getTime()).sort(byDue);
    if (dueNow[0]) return dueNow[0];
    if (this.newLeft(now) > 0) {
      const fresh = cards.find((c) => !this.state.cards[c.id]);
      if (fresh) return fresh;
    }
    const ahead = now.getTime() + LEARN_AHEAD_MINUTES * 60_000;
    const learning = seen.filter((c) => ['learning', 'relearning'].includes(this.phase(c.id)) && this.due(c.id)!.getTime() <= ahead).sort(byDue);
    return learning[0];
  }

  /** How many cards a session would show now: reviews due, and new cards allowed. */
  counts(now: Date, options: NextOptions = {}): { due: number; new: number } {
    const cards = options.chapter ? this.cards.filter((c) => c.chapter === options.chapter) : this.cards;
    const due = cards.filter((c) => this.state.cards[c.id] && this.due(c.id)!.getTime() <= now.getTime()).length;
    const unseen = cards.filter((c) => !this.state.cards[c.id]).length;
    return { due, new: Math.min(unseen, this.newLeft(now)) };
  }

  /** When the card would be due after each rating, without rating it. */
  preview(id: string, now: Date): Record<RatingName, Date> {
    const before = this.#current(id, now);
    const outcomes = this.#scheduler.repeat(before, now);
    return Object.fromEntries(RATINGS.map((r) => [r.name, outcomes[r.grade].card.due])) as Record<RatingName, Date>;
  }

  /**
   * Rates a card and schedules it with FSRS. The record takes the card's current wording, so a
   * "reworded" notice is shown once.
   *
   * @throws {RangeError} for an id that is not a card of this deck.
   */
  rate(id: string, rating: RatingName, now: Date): { due: Date; phase: CardPhase } {
    const card = this.#byId.get(id);
    const grade = RATINGS.find((r) => r.name === rating)?.grade;
    if (!card) throw new RangeError(`Expected the id of a card, got "${id}"`);
    if (grade === undefined) throw new RangeError(`Expected a rating (again, hard, good or easy), got "${rating}"`);
    const before = this.#current(id, now);
    const after = this.#scheduler.next(before, now, grade).card;
    const record = this.state.cards[id];
    const next: CardRecord = {
      question: card.question,
      keyPoints: [...card.keyPoints],
      schedule: toSaved(after),
      reviews: [...(record?.reviews ?? []), { at: now.toISOString(), rating: grade, state: before.state, due: after.due.toISOString() }],
    };
    if (record?.formerIds) next.formerIds = record.formerIds;
    this.state.cards[id] = next;
    return { due: after.due, phase: PHASES[after.state] ?? 'review' };
  }

  /** Due counts, retention, streak and progress per chapter, as of `now`. */
  stats(now: Date): PracticeStats {
    const today = dayOf(now);
    const endOfToday = endOfDay(now).getTime();
    const since = now.getTime() - RETENTION_DAYS * 86_400_000;
    const retention = (ids: string[]): { rate: number | undefined; count: number } => {
      const reviews = ids.flatMap((id) => this.state.cards[id]?.reviews ?? []).filter((r) => r.state === State.Review && Date.parse(r.at) >= since);
      const kept = reviews.filter((r) => r.rating !== Rating.Again).length;
      return { rate: reviews.length ? kept / reviews.length : undefined, count: reviews.length };
    };
    const chapters: ChapterStats[] = [];
    for (const card of this.cards) {
      let entry = chapters.find((c) => c.chapter === card.chapter);
      if (!entry) chapters.push((entry = { chapter: card.chapter, cards: 0, unseen: 0, learned: 0, dueToday: 0, retention: undefined }));
      entry.cards++;
      const phase = this.phase(card.id);
      if (phase === 'new') entry.unseen++;
      else if (this.due(card.id)!.getTime() < endOfToday) entry.dueToday++;
      if (phase === 'review') entry.learned++;
    }
    for (const entry of chapters) entry.retention = retention(this.cards.filter((c) => c.chapter === entry.chapter).map((c) => c.id)).rate;
    const all = retention(this.cards.map((c) => c.id));
    const counts = this.counts(now);
    const days = new Set(Object.values(this.state.cards).flatMap((r) => r.reviews.map((v) => dayOf(new Date(v.at)))));
    let streak = 0;
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days.has(today) ? 0 : 1));
    while (days.has(dayOf(day))) {
      streak++;
      day.setDate(day.getDate() - 1);
    }
    return {
      dueNow: counts.due,
      dueToday: chapters.reduce((sum, c) => sum + c.dueToday, 0) + counts.new,
      newAvailable: counts.new,
      reviewedToday: Object.values(this.state.cards).reduce((sum, r) => sum + r.reviews.filter((v) => dayOf(new Date(v.at)) === today).length, 0),
      retention: all.rate,
      retentionReviews: all.count,
      streak,
      chapters,
      retired: Object.keys(this.state.cards).filter((id) => !this.#byId.has(id)).length,
    };
  }

  #current(id: string, now: Date): Card {
    const record = this.state.cards[id];
    return record ? toCard(record.schedule) : createEmptyCard(now);
  }

  /**
   * A question whose wording changed has a new slug, hence a new id. Its old record is
   * recognised as the one saved under an id that no longer exists, in the same chapter, whose
   * question or key points share most of their words with a card that has no history yet.
   */
  #carryReworded(): MovedHistory[] {
    const moved: MovedHistory[] = [];
    const orphans = Object.keys(this.state.cards).filter((id) => !this.#byId.has(id));
    const candidates = this.cards.filter((card) => !this.state.cards[card.id]);
    const pairs: Array<{ from: string; to: string; score: number }> = [];
    for (const from of orphans) {
      const record = this.state.cards[from]!;
      for (const card of candidates) {
        if (!from.startsWith(`${card.chapter}/`)) continue;
        const score = Math.max(similarity(record.question, card.question), similarity(record.keyPoints.join(' '), card.keyPoints.join(' ')));
        if (score >= 0.5) pairs.push({ from, to: card.id, score });
      }
    }
    pairs.sort((a, b) => b.score - a.score);
    const used = new Set<string>();
    for (const { from, to } of pairs) {
      if (used.has(from) || used.has(to)) continue;
      used.add(from).add(to);
      const record = this.state.cards[from]!;
      this.state.cards[to] = { ...record, formerIds: [...(record.formerIds ?? []), from] };
      delete this.state.cards[from];
      moved.push({ from, to });
    }
    return moved;
  }
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Jaccard similarity of the word sets of two texts, 0 to 1. */
export function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 && y.size === 0) return 0;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return shared / (x.size + y.size - shared);
}

/**
 * Picks `count` cards for a mock interview, spread across chapters: chapters in random order,
 * one random card from each in turn, until enough are drawn or none are left.
 */
export function drawMock<T extends DeckCard>(cards: readonly T[], count: number, random: () => number = Math.random): T[] {
  const byChapter = new Map<string, T[]>();
  for (const card of cards) byChapter.set(card.chapter, [...(byChapter.get(card.chapter) ?? []), card]);
  const piles = shuffle([...byChapter.values()].map((pile) => shuffle([...pile], random)), random);
  const drawn: T[] = [];
  while (drawn.length < count && piles.some((pile) => pile.length > 0)) {
    for (const pile of piles) {
      const card = pile.pop();
      if (card && drawn.length < count) drawn.push(card);
    }
  }
  return drawn;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A wait in words: "1 minute", "10 minutes", "5 hours", "3 days", "2 months", "1.5 years". */
export function describeWait(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return unit(Math.max(1, minutes), 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return unit(hours, 'hour');
  const days = Math.round(hours / 24);
  if (days < 31) return unit(days, 'day');
  const months = Math.round(days / 30.4);
  if (months < 12) return unit(months, 'month');
  const years = Math.round((days / 365) * 10) / 10;
  return `${years} year${years === 1 ? '' : 's'}`;
}
