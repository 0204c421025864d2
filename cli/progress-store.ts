import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import type { ExerciseStatus } from './status.ts';

/** What the workbook remembers about one exercise. */
export interface ExerciseProgress {
  /** The outcome of the last grade. */
  status: ExerciseStatus;
  /** The points of the last grade. */
  points: number;
  possible: number;
  lastGradedAt: string;
  /** Set the first time every task passed; unlocks `solution`. Never unset. */
  passedAt?: string;
  /** The first task that did not pass in the last grade: the one the next hint is about. */
  failingTask?: string;
  /** Which hints of the ladder the learner has read (indices, in the order they were read). */
  hintsShown: number[];
}

/**
 * The one definition of "passed" that `list`, `progress`, `watch` and the next-exercise
 * suggestion share: the last grade passed every task and left no uncaught error. An exercise that
 * passed once and fails now does not count (it shows as "failing (passed before)"), though its
 * reference solution stays unlocked.
 */
export function passes(progress: ExerciseProgress | undefined): boolean {
  return progress?.status === 'pass';
}

interface ProgressFile {
  version: 2;
  exercises: Record<string, ExerciseProgress>;
}

const EMPTY: ExerciseProgress = { status: 'not-started', points: 0, possible: 0, lastGradedAt: '', hintsShown: [] };

/** Version 1 wrote `passed`/`failing` and counted hints; version 2 uses the shared statuses and lists them. */
const OLD_STATUS: Record<string, ExerciseStatus> = { passed: 'pass', failing: 'fail' };

/**
 * The learner's progress, kept in `.workbook/progress.json`. Every write re-reads the file and
 * changes only one exercise, then replaces the file atomically, so `watch` in one terminal and
 * `grade` in another do not lose each other's updates, and a crash never leaves half a file.
 * A missing file means a fresh start; a corrupt one is moved aside (never deleted) and rebuilt;
 * one written by an earlier version is read and upgraded.
 *
 * @example
 * const store = new ProgressStore('/…/.workbook');
 * store.update('00-getting-started/envelope', (p) => ({ ...p, hintsShown: [...p.hintsShown, 0] }));
 * store.get('00-getting-started/envelope').hintsShown; // [0]
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
    if (!existsSync(this.file)) return { version: 2, exercises: {} };
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { version?: unknown; exercises?: unknown };
      if ((data?.version !== 1 && data?.version !== 2) || typeof data.exercises !== 'object' || data.exercises === null || Array.isArray(data.exercises)) {
        throw new Error('unexpected shape');
      }
      const exercises = data.exercises as Record<string, ExerciseProgress & { hintsSeen?: number }>;
      if (data.version === 1) {
        for (const record of Object.values(exercises)) {
          record.status = OLD_STATUS[record.status] ?? record.status;
          record.hintsShown = Array.from({ length: record.hintsSeen ?? 0 }, (_, i) => i);
          delete record.hintsSeen;
        }
      }
      return { version: 2, exercises };
    } catch {
      const aside = `${this.file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(this.file, aside);
      this.rebuiltFrom = aside;
      return { version: 2, exercises: {} };
    }
  }
}
