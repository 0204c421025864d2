import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/files.ts';
import { emptyState, parseState, type PracticeState, PracticeStateError, serializeState } from '../../core/practice/deck.ts';

/**
 * The learner's practice state in `.workbook/practice.json`. Each save re-reads the file and
 * replaces only the cards this session changed, then writes it atomically (a temporary file,
 * then a rename), so two sessions never lose each other's ratings and a crash never leaves half
 * a file. A missing file is a fresh start; an unreadable one is moved aside, never deleted, and
 * the learner is told where it went.
 *
 * @example
 * const store = new PracticeStore('/…/.workbook');
 * const state = store.load();
 * // … rate cards …
 * store.save(state, ['06-message-queues/implement-a-simple-message-queue']);
 */
export class PracticeStore {
  readonly file: string;
  /** Set when the file was unreadable: where the old copy now is, and why it could not be read. */
  rebuiltFrom: { aside: string; reason: string } | undefined;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'practice.json');
  }

  load(): PracticeState {
    if (!existsSync(this.file)) return emptyState();
    try {
      return parseState(readFileSync(this.file, 'utf8'));
    } catch (error) {
      if (!(error instanceof PracticeStateError)) throw error;
      const aside = `${this.file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(this.file, aside);
      this.rebuiltFrom = { aside, reason: error.message };
      return emptyState();
    }
  }

  /**
   * Writes the records of `changed` (and drops those of `removed`) into the file as it is now.
   */
  save(state: PracticeState, changed: readonly string[], removed: readonly string[] = []): void {
    const current = this.load();
    for (const id of removed) delete current.cards[id];
    for (const id of changed) {
      const record = state.cards[id];
      if (record) current.cards[id] = record;
    }
    writeFileAtomic(this.file, serializeState(current));
  }
}
