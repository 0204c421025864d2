import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import type { ExerciseStatus } from './report.ts';

/** What the workbook remembers about one exercise. */
export interface ExerciseProgress {
  /** The outcome of the last grade. */
  status: ExerciseStatus;
  points: number;
  possible: number;
  lastGradedAt: string;
  /** Set the first time every task passed; unlocks `solution`. Never unset. */
  passedAt?: string;
  /** How many hints the learner has read (the next `hint` shows one more). */
  hintsSeen: number;
}

interface ProgressFile {
  version: 1;
  exercises: Record<string, ExerciseProgress>;
}

const EMPTY: ExerciseProgress = { status: 'not-started', points: 0, possible: 0, lastGradedAt: '', hintsSeen: 0 };

/**
 * The learner's progress, kept in `.workbook/progress.json`. Every write re-reads the file and
 * changes only one exercise, then replaces the file atomically, so `watch` in one terminal and
 * `grade` in another do not lose each other's updates, and a crash never leaves half a file.
 * A missing file means a fresh start; a corrupt one is moved aside (never deleted) and rebuilt.
 *
 * @example
 * const store = new ProgressStore('/…/.workbook');
 * store.update('00-getting-started/envelope', (p) => ({ ...p, hintsSeen: p.hintsSeen + 1 }));
 * store.get('00-getting-started/envelope').hintsSeen; // 1
 */
export class ProgressStore {
  readonly file: string;
  /** Set when the file was unreadable and had to be rebuilt: where the old copy now is. */
  rebuiltFrom: string | undefined;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'progress.json');
  }

  /** The recorded progress of one exercise (a fresh record when there is none). */
  get(key: string): ExerciseProgress {
    return { ...EMPTY, ...this.#read().exercises[key] };
  }

  /** Every recorded exercise. */
  all(): Record<string, ExerciseProgress> {
    return this.#read().exercises;
  }

  /** Changes one exercise's record and saves the file atomically. */
  update(key: string, change: (current: ExerciseProgress) => ExerciseProgress): ExerciseProgress {
    const data = this.#read();
    const next = change({ ...EMPTY, ...data.exercises[key] });
    data.exercises[key] = next;
    writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`);
    return next;
  }

  #read(): ProgressFile {
    if (!existsSync(this.file)) return { version: 1, exercises: {} };
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as ProgressFile;
      if (data?.version !== 1 || typeof data.exercises !== 'object' || data.exercises === null || Array.isArray(data.exercises)) {
        throw new Error('unexpected shape');
      }
      return data;
    } catch {
      const aside = `${this.file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(this.file, aside);
      this.rebuiltFrom = aside;
      return { version: 1, exercises: {} };
    }
  }
}
