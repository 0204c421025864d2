import { existsSync, type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pc from 'picocolors';
import { parseCommand } from '../core/run-main.ts';
import type { Exercise } from '../core/workbook.ts';
import { allExercises, command, oneExercise, shown, type WorkbookContext } from './context.ts';
import { DEFAULT_IDLE_SECONDS, gradeExercises } from './grade.ts';
import { showNextHint } from './hint.ts';
import { progressBar, renderList } from './list.ts';
import { nextExercise } from './next-step.ts';
import { GradeProgress } from './progress-line.ts';
import { passes, ProgressStore } from './progress-store.ts';
import { renderExercise } from './render.ts';
import type { GradeReport } from './report.ts';
import { resetExercise } from './reset.ts';
import { WarmRunner } from './warm-runner.ts';
import { fitToWidth, terminalWidth } from './wrap.ts';

/** How long to wait after a change before grading: editors often write a file in several steps. */
const DEBOUNCE_MS = 100;

const KEYS = 'n next exercise · h hint · l list · r reset · q quit';

export const WATCH_USAGE = `${command('watch', '[<exercise>]')} [--all]`;

/**
 * `npm run watch [-- <exercise>]`: grades the exercise being worked on, then re-grades whichever
 * exercise file is saved, within about a second. Starts at the given exercise or the first one
 * that does not pass. On a terminal it redraws the screen and reads single keys; otherwise
 * (piped, CI) it prints plain text and reads one command per line.
 */
export async function watchCommand(context: WorkbookContext, args: string[]): Promise<number> {
  const { options, positionals } = parseCommand(args, { usage: WATCH_USAGE, options: { all: 'flag' }, positionals: { max: 1 } });
  const all = await allExercises(context);
  const store = new ProgressStore(context.stateDir);
  const start = positionals[0] ? oneExercise(all, positionals[0], 'watch') : (nextExercise(all, store) ?? all[0]);
  if (!start) {
    console.log('This workbook has no exercises yet.');
    return 0;
  }
  const code = await new Watcher(context, all, store, start, options.all === true).run();
  // The learner asked to quit: end the process once the goodbye is written, whatever handles
  // (stdin, a watcher being closed) are still winding down.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

/**
 * Watches the folder of each chapter, not each file: editors that save safely write a temporary
 * file and rename it over the original (or delete it and create it again), which replaces the
 * file a per-file watch was attached to, so every later save would go unseen. A folder's watch
 * reports every name created, renamed, changed or deleted in it. The workbook's own folder is
 * watched as well, so a chapter folder that is deleted and made again is picked up.
 */
class Watcher {
  #context: WorkbookContext;
  #all: Exercise[];
  #store: ProgressStore;
  #current: Exercise;
  #showAll: boolean;
  #tty = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  #report: GradeReport | undefined;
  #note = '';
  #grading = false;
  #pending: Exercise | undefined;
  #confirmingReset = false;
  /** Set when a key action's message must survive the re-grade its own file change triggers. */
  #keepNote = false;
  #timers = new Map<string, NodeJS.Timeout>();
  #watchers = new Map<string, FSWatcher>();
  #lines: ReturnType<typeof createInterface> | undefined;
  #finish: ((code: number) => void) | undefined;
  /** vitest kept warm between saves; replaced when the watchdog had to stop it. */
  #runner: WarmRunner | undefined;

  constructor(context: WorkbookContext, all: Exercise[], store: ProgressStore, start: Exercise, showAll: boolean) {
    this.#context = context;
    this.#all = all;
    this.#store = store;
    this.#current = start;
    this.#showAll = showAll;
  }

  run(): Promise<number> {
    const done = new Promise<number>((resolve) => {
      this.#finish = resolve;
    });
    this.#watchFolders();
    this.#listen();
    process.once('SIGINT', () => this.#quit());
    process.once('SIGTERM', () => this.#quit());
    void this.#grade(this.#current);
    return done;
  }

  #watchFolders(): void {
    this.#watchFolder(this.#context.targetDir, (name) => {
      // A chapter folder created, renamed or deleted: watch it afresh.
      if (!this.#all.some((e) => e.chapter.slug === name)) return;
      this.#unwatch(name);
      this.#watchChapter(name);
      for (const exercise of this.#all.filter((e) => e.chapter.slug === name)) this.#changed(exercise);
    }, '');
    for (const slug of new Set(this.#all.map((e) => e.chapter.slug))) this.#watchChapter(slug);
  }

  #watchChapter(slug: string): void {
    this.#watchFolder(path.join(this.#context.targetDir, slug), (name) => {
      const exercise = this.#all.find((e) => e.chapter.slug === slug && `${e.meta.id}.ts` === name);
      if (exercise) this.#changed(exercise);
    }, slug);
  }

  #watchFolder(dir: string, onName: (name: string) => void, key: string): void {
    if (this.#watchers.has(key) || !existsSync(dir)) return;
    try {
      const watcher = watch(dir, (_event, name) => {
        if (name) onName(String(name));
      });
      // The folder itself went away: forget this watch; the parent's watch sees it come back.
      watcher.on('error', () => this.#unwatch(key));
      this.#watchers.set(key, watcher);
    } catch {
      // It vanished between the check and the watch; the parent's watch sees it come back.
    }
  }

  #unwatch(key: string): void {
    this.#watchers.get(key)?.close();
    this.#watchers.delete(key);
  }

  #changed(exercise: Exercise): void {
    const key = exercise.key;
    clearTimeout(this.#timers.get(key));
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key);
        if (this.#keepNote) this.#keepNote = false;
        else this.#note = '';
        this.#current = exercise;
        void this.#grade(exercise);
      }, DEBOUNCE_MS),
    );
  }

  async #grade(exercise: Exercise): Promise<void> {
    if (this.#grading) {
      this.#pending = exercise;
      return;
    }
    this.#grading = true;
    const status = `Grading ${exercise.key}…`;
    if (!this.#tty) console.log(status);
    else this.#draw(status);
    const progress = this.#tty ? new GradeProgress([exercise], (line) => this.#draw(line.replace(/^Grading 1 exercise…/, status))) : undefined;
    progress?.start();
    try {
      const idleSeconds = Number(process.env.WORKBOOK_WATCHDOG_SECONDS) || DEFAULT_IDLE_SECONDS;
      this.#report = await gradeExercises(this.#context, [exercise], this.#store, {
        idleSeconds,
        runner: this.#warmRunner(),
        ...(progress ? { onEvent: (event) => progress.event(event) } : {}),
      });
    } catch (error) {
      this.#note = pc.red(`The grader failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      progress?.stop();
      this.#grading = false;
    }
    this.#draw();
    // A runner the watchdog stopped is gone: start the next one now, so it is warm by the next save.
    this.#warmRunner();
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) await this.#grade(pending);
  }

  #warmRunner(): WarmRunner {
    if (!this.#runner?.usable) this.#runner = new WarmRunner({ WORKBOOK_TARGET: this.#context.targetDir, WORKBOOK_OVERRIDES: '' });
    return this.#runner;
  }

  #draw(status?: string): void {
    const lines: string[] = [];
    const progress = this.#store.all();
    const passed = this.#all.filter((e) => passes(progress[e.key])).length;
    lines.push(`${pc.bold('Workbook progress')} ${progressBar(passed, this.#all.length)} exercises pass`);
    lines.push('');
    const file = shown(this.#context, this.#context.learnerFile(this.#current));
    lines.push(`${pc.bold(this.#current.key)} — ${this.#current.meta.title}`);
    lines.push(pc.dim(`Edit ${file}; every save re-grades it.`));
    lines.push('');
    const width = terminalWidth(process.stdout);
    if (status) lines.push(status);
    else if (this.#report) {
      const exercise = this.#report.exercises[0]!;
      lines.push(...renderExercise(exercise, { all: this.#showAll, width, hintKey: 'h' }));
      lines.push('');
      if (exercise.status === 'pass') {
        lines.push(pc.green(`Passed! ${exercise.points}/${exercise.possible} points.`) + ` Press n for the next exercise; compare with the reference: ${command('solution', this.#current.meta.id)}`);
      } else lines.push(`${exercise.points}/${exercise.possible} points. Save the file to grade it again.`);
    }
    if (this.#note) lines.push('', this.#note);
    lines.push('', pc.dim(this.#tty ? KEYS : `${KEYS} (type the letter, then Enter)`));
    const text = fitToWidth(lines.join('\n'), width);
    if (this.#tty) process.stdout.write(`\x1b[2J\x1b[3J\x1b[H${text}\n`);
    else console.log(`${text}\n`);
  }

  #listen(): void {
    if (this.#tty) {
      process.stdin.setRawMode(true);
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', (chunk: string) => {
        for (const key of chunk) this.#key(key);
      });
      process.stdin.resume();
    } else {
      const lines = createInterface({ input: process.stdin });
      this.#lines = lines;
      lines.on('line', (line) => {
        const key = line.trim()[0];
        if (key) this.#key(key);
      });
    }
  }

  #key(key: string): void {
    if (this.#confirmingReset) {
      this.#confirmingReset = false;
      if (key === 'y' || key === 'Y') {
        const result = resetExercise(this.#context, this.#current);
        this.#keepNote = result.status === 'written';
        this.#note = result.backup
          ? `Reset. Your version is saved at ${shown(this.#context, result.backup)}`
          : result.status === 'written'
            ? 'Reset: the fresh stub is back (there were no changes of yours to keep).'
            : 'It already was the untouched stub; nothing changed.';
      } else this.#note = 'Reset cancelled; your file is unchanged.';
      this.#draw();
      return;
    }
    if (key === 'q' || key === '\u0003') return this.#quit();
    if (key === 'n') {
      const index = this.#all.indexOf(this.#current);
      const next = this.#all[index + 1];
      if (!next) {
        this.#note = 'This is the last exercise of the workbook.';
        this.#draw();
        return;
      }
      this.#current = next;
      this.#note = '';
      void this.#grade(next);
      return;
    }
    if (key === 'h') {
      this.#note = showNextHint(this.#current, this.#store, { again: 'Press h for the next one.', regrade: 'Save your file to grade it again.' });
      this.#draw();
      return;
    }
    if (key === 'l') {
      this.#note = renderList(this.#all, this.#store, this.#current.key);
      this.#draw();
      return;
    }
    if (key === 'r') {
      this.#confirmingReset = true;
      this.#note = pc.yellow(`Reset ${shown(this.#context, this.#context.learnerFile(this.#current))} to the untouched stub? Your file is copied to .workbook/backups/ first. Press y to reset, any other key to keep it.`);
      this.#draw();
    }
  }

  #quit(): void {
    this.#runner?.stop();
    for (const key of [...this.#watchers.keys()]) this.#unwatch(key);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    if (this.#tty) process.stdin.setRawMode(false);
    this.#lines?.close();
    process.stdin.pause();
    console.log('Bye. Your progress is saved; npm run watch picks up where you left off.');
    this.#finish?.(0);
  }
}
