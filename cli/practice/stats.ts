import pc from 'picocolors';
import type { PracticeCard } from '../../core/practice/cards.ts';
import type { Deck } from '../../core/practice/deck.ts';
import { visibleLength } from './markdown.ts';

const percent = (rate: number | undefined): string => (rate === undefined ? '—' : `${Math.round(rate * 100)}%`);

/** `npm run practice -- --stats`: what is due today, retention, the streak, and each chapter. */
export function renderStats(deck: Deck, cards: readonly PracticeCard[], now: Date): string {
  const stats = deck.stats(now);
  const titles = new Map(cards.map((c) => [c.chapter, c.chapterTitle]));
  const reviews = stats.dueToday - stats.newAvailable;
  const lines = [pc.bold(`Practice: ${cards.length} cards from ${stats.chapters.length} chapters`), ''];
  lines.push(`Due today      ${stats.dueToday} (${reviews} review${reviews === 1 ? '' : 's'}, ${stats.newAvailable} new)`);
  lines.push(`Reviewed today ${stats.reviewedToday}`);
  lines.push(`Streak         ${stats.streak} day${stats.streak === 1 ? '' : 's'}`);
  lines.push(
    `Retention      ${percent(stats.retention)}${stats.retentionReviews ? ` of ${stats.retentionReviews} review${stats.retentionReviews === 1 ? '' : 's'} of learned cards in the last 30 days (not rated Again)` : ' (no learned card reviewed in the last 30 days yet)'}`,
  );
  if (stats.retired) lines.push(`Retired        ${stats.retired} saved card${stats.retired === 1 ? '' : 's'} whose question is no longer on any page (kept in practice.json)`);
  lines.push('');
  const header = ['chapter', 'cards', 'unseen', 'learned', 'due today', 'retention'];
  const rows = stats.chapters.map((c) => [`${c.chapter.slice(0, 2)} ${titles.get(c.chapter) ?? c.chapter}`, String(c.cards), String(c.unseen), String(c.learned), String(c.dueToday), percent(c.retention)]);
  const widths = header.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i]!))));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  lines.push(pc.bold(line(header)), ...rows.map(line));
  lines.push('', pc.dim('learned: scheduled days ahead by FSRS · due today: reviews due by midnight'));
  return lines.join('\n');
}
