import type { Exercise } from '../core/workbook.ts';
import type { GradeEvent } from './grader/events-reporter.ts';
import { visibleLength } from './wrap.ts';

/** What the grader has seen of a run so far, for the one line of progress on a terminal. */
export interface GradeActivity {
  exercises: number;
  testsDone: number;
  /** The test running now, its exercise, and when it started (ms). */
  running?: { exercise: string; name: string; since: number };
}

/**
 * The progress line: how many tests have finished and, once a test has run for more than a
 * second, which one is running and for how long, so a wait that never ends is visible at once.
 *
 * @example
 * progressLine({ exercises: 1, testsDone: 7, running: { exercise: '04-async-messaging/rpc-client', name: 'times out', since: 0 } }, 3_000);
 * // 'Grading 1 exercise… 7 tests done · waiting 3s on "times out" (04-async-messaging/rpc-client)'
 */
export function progressLine(activity: GradeActivity, now: number): string {
  const head = `Grading ${activity.exercises} exercise${activity.exercises === 1 ? '' : 's'}… ${activity.testsDone} test${activity.testsDone === 1 ? '' : 's'} done`;
  const running = activity.running;
  if (!running || now - running.since < 1_000) return head;
  return `${head} · waiting ${Math.floor((now - running.since) / 1_000)}s on "${running.name}" (${running.exercise})`;
}

/**
 * Keeps the progress line up to date while a grade runs: `show` is called with the line at
 * each event and four times a second (so the seconds of a long wait tick), `clear` at the end.
 */
export class GradeProgress {
  #activity: GradeActivity;
  #exerciseOf: Map<string, string>;
  #timer: NodeJS.Timeout | undefined;
  #show: (line: string) => void;
  #now: () => number;

  constructor(exercises: Exercise[], show: (line: string) => void, now: () => number = Date.now) {
    this.#activity = { exercises: exercises.length, testsDone: 0 };
    this.#exerciseOf = new Map(exercises.map((e) => [e.suitePath, e.key]));
    this.#show = show;
    this.#now = now;
  }

  start(): void {
    this.#draw();
    this.#timer = setInterval(() => this.#draw(), 250);
    this.#timer.unref();
  }

  event(event: GradeEvent): void {
    if (event.event === 'test-start') {
      this.#activity.running = { exercise: this.#exerciseOf.get(event.file) ?? event.file, name: event.name, since: this.#now() };
    } else if (event.event === 'test-end') {
      if (event.state !== 'skipped') this.#activity.testsDone++;
      this.#activity.running = undefined;
    } else return;
    this.#draw();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #draw(): void {
    this.#show(progressLine(this.#activity, this.#now()));
  }
}

/** One line rewritten in place on a terminal stream (cut to its width), and cleared when done. */
export function lineWriter(stream: NodeJS.WriteStream): { show: (line: string) => void; clear: () => void } {
  return {
    show: (line) => {
      const width = stream.columns || 80;
      const fitted = visibleLength(line) >= width ? `${[...line].slice(0, width - 2).join('')}…` : line;
      stream.write(`\r\u001b[K${fitted}`);
    },
    clear: () => stream.write('\r\u001b[K'),
  };
}
