/**
 * The one validated place per chapter that holds its exercises' order, titles, difficulty,
 * points per task and hints. Each chapter declares it in `chapters/<chapter>/chapter.ts`, beside its page:
 *
 * @example
 * export default defineChapter({
 *   slug: '06-message-queues',
 *   title: 'Message queues',
 *   exercises: [{
 *     id: 'message-queue', title: 'A FIFO queue with O(1) dequeue', difficulty: 'easy',
 *     summary: 'Replace the O(n) Array#shift queue with a ring buffer.',
 *     tasks: [{ title: 'FIFO order', points: 2 }],
 *     hints: ['…', '…'],
 *   }],
 * });
 */
export const DIFFICULTIES = ['warm-up', 'easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** One graded task: the title of a top-level `describe` in the exercise's suite. */
export interface TaskMeta {
  title: string;
  points: number;
}

/**
 * One rung of an exercise's hint ladder: for the exercise as a whole, or for one of its tasks
 * (`task` is then that task's exact title, and `hint` offers it when that task is the first to fail).
 */
export type HintMeta = string | { task: string; text: string };

/** A system program an exercise needs (a real broker, say), and how to install it. */
export interface Requirement {
  /** The command looked up on `PATH`, e.g. `redis-server`. */
  command: string;
  /** One line a learner can run to install it, e.g. `apt-get install -y redis-server`. */
  install: string;
}

export interface ExerciseMeta {
  /** kebab-case; the stub is `chapters/<slug>/<id>.ts`, the suite `test/<slug>/<id>.test.ts`. */
  id: string;
  title: string;
  difficulty: Difficulty;
  /** One or two sentences: what the learner builds and why it matters. */
  summary: string;
  tasks: TaskMeta[];
  /** A ladder of 2 to 10 hints, gentlest first; per-task hints name their task. */
  hints: HintMeta[];
  /** System programs the graded suite needs; without them the exercise is reported as not gradable here. */
  requires?: Requirement[];
}

/** The text of a hint, whichever form it was written in. */
export function hintText(hint: HintMeta): string {
  return typeof hint === 'string' ? hint : hint.text;
}

/** The task a hint is for, or `undefined` for a hint about the whole exercise. */
export function hintTask(hint: HintMeta): string | undefined {
  return typeof hint === 'string' ? undefined : hint.task;
}

export interface ChapterMeta {
  /** `NN-kebab-name`, the folder name under chapters/, solutions/ and test/. */
  slug: string;
  title: string;
  exercises: ExerciseMeta[];
}

/** A chapter's metadata broke a rule; `path` says where (`exercises[1].tasks[0].points`). */
export class ChapterMetaError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ChapterMetaError';
  }
}

const SLUG = /^\d\d-[a-z0-9]+(-[a-z0-9]+)*$/;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Validates and returns a chapter's metadata; throws {@link ChapterMetaError} naming the first problem. */
export function defineChapter(meta: ChapterMeta): ChapterMeta {
  validateChapter(meta);
  return meta;
}

export function validateChapter(meta: ChapterMeta): void {
  const at = meta.slug ?? '(chapter)';
  if (typeof meta.slug !== 'string' || !SLUG.test(meta.slug)) {
    throw new ChapterMetaError(`${at}.slug`, `expected NN-kebab-case, got ${JSON.stringify(meta.slug)}`);
  }
  text(meta.title, `${at}.title`);
  if (!Array.isArray(meta.exercises)) throw new ChapterMetaError(`${at}.exercises`, 'expected an array');
  const ids = new Set<string>();
  meta.exercises.forEach((exercise, i) => {
    const path = `${at}.exercises[${i}]`;
    if (typeof exercise.id !== 'string' || !ID.test(exercise.id)) {
      throw new ChapterMetaError(`${path}.id`, `expected kebab-case, got ${JSON.stringify(exercise.id)}`);
    }
    if (ids.has(exercise.id)) throw new ChapterMetaError(`${path}.id`, `duplicate exercise id "${exercise.id}"`);
    ids.add(exercise.id);
    text(exercise.title, `${path}.title`);
    text(exercise.summary, `${path}.summary`);
    if (!DIFFICULTIES.includes(exercise.difficulty)) {
      throw new ChapterMetaError(`${path}.difficulty`, `expected one of ${DIFFICULTIES.join(', ')}, got ${JSON.stringify(exercise.difficulty)}`);
    }
    if (!Array.isArray(exercise.tasks) || exercise.tasks.length === 0) {
      throw new ChapterMetaError(`${path}.tasks`, 'expected at least one task');
    }
    const titles = new Set<string>();
    exercise.tasks.forEach((task, j) => {
      text(task.title, `${path}.tasks[${j}].title`);
      if (titles.has(task.title)) throw new ChapterMetaError(`${path}.tasks[${j}].title`, `duplicate task "${task.title}"`);
      titles.add(task.title);
      if (!Number.isInteger(task.points) || task.points < 1 || task.points > 10) {
        throw new ChapterMetaError(`${path}.tasks[${j}].points`, `expected an integer from 1 to 10, got ${JSON.stringify(task.points)}`);
      }
    });
    if (!Array.isArray(exercise.hints) || exercise.hints.length < 2 || exercise.hints.length > 10) {
      throw new ChapterMetaError(`${path}.hints`, `expected 2 to 10 hints, got ${Array.isArray(exercise.hints) ? exercise.hints.length : typeof exercise.hints}`);
    }
    exercise.hints.forEach((hint, j) => {
      if (typeof hint === 'string') return text(hint, `${path}.hints[${j}]`);
      if (typeof hint !== 'object' || hint === null) throw new ChapterMetaError(`${path}.hints[${j}]`, `expected a string or { task, text }, got ${JSON.stringify(hint)}`);
      text(hint.text, `${path}.hints[${j}].text`);
      if (!titles.has(hint.task)) {
        throw new ChapterMetaError(`${path}.hints[${j}].task`, `expected the title of one of this exercise's tasks, got ${JSON.stringify(hint.task)}`);
      }
    });
    (exercise.requires ?? []).forEach((requirement, j) => {
      text(requirement?.command, `${path}.requires[${j}].command`);
      text(requirement?.install, `${path}.requires[${j}].install`);
    });
  });
}

function text(value: unknown, path: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ChapterMetaError(path, `expected a non-empty string, got ${JSON.stringify(value)}`);
  }
}
