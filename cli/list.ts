import pc from 'picocolors';
import { parseCommand } from '../core/run-main.ts';
import type { Exercise } from '../core/workbook.ts';
import { allExercises, command, type WorkbookContext } from './context.ts';
import { nextExercise } from './next-step.ts';
import { passes, ProgressStore } from './progress-store.ts';
import { statusLabel } from './status.ts';

/** A text progress bar: `[#########-----------] 3/7`. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total ? Math.round((done / total) * width) : 0;
  return `[${pc.green('#'.repeat(filled))}${pc.dim('-'.repeat(width - filled))}] ${done}/${total}`;
}

/** Every exercise with its status and points from its last grade, chapter by chapter. */
export function renderList(all: Exercise[], store: ProgressStore, current?: string): string {
  const progress = store.all();
  const lines: string[] = [];
  let chapter = '';
  const width = Math.max(...all.map((e) => e.meta.id.length));
  for (const exercise of all) {
    if (exercise.chapter.slug !== chapter) {
      chapter = exercise.chapter.slug;
      if (lines.length) lines.push('');
      lines.push(pc.bold(`${chapter} — ${exercise.chapter.title}`));
    }
    const p = progress[exercise.key];
    const possible = exercise.meta.tasks.reduce((s, t) => s + t.points, 0);
    const status = statusLabel(p?.status ?? 'not-started', exercise.meta.requires?.map((r) => r.command));
    const pointer = exercise.key === current ? pc.cyan('▸') : ' ';
    const solved = p?.passedAt && !passes(p) ? pc.dim(' (passed before)') : '';
    lines.push(`${pointer} ${exercise.meta.id.padEnd(width)}  ${String(p?.points ?? 0).padStart(2)}/${String(possible).padEnd(2)}  ${exercise.meta.difficulty.padEnd(7)}  ${status}${solved}`);
  }
  return lines.join('\n');
}

/** The whole-workbook summary: a progress bar, points, and the next exercise (by the same rule as the list). */
export function renderProgress(all: Exercise[], store: ProgressStore): string {
  const progress = store.all();
  const passed = all.filter((e) => passes(progress[e.key])).length;
  const points = all.reduce((s, e) => s + (progress[e.key]?.points ?? 0), 0);
  const possible = all.reduce((s, e) => s + e.meta.tasks.reduce((t, task) => t + task.points, 0), 0);
  const chapters = [...new Set(all.map((e) => e.chapter.slug))].map((slug) => {
    const mine = all.filter((e) => e.chapter.slug === slug);
    const done = mine.filter((e) => passes(progress[e.key])).length;
    return `  ${slug.padEnd(24)} ${progressBar(done, mine.length, 12)}`;
  });
  const broken = all.filter((e) => progress[e.key]?.passedAt && !passes(progress[e.key]));
  const next = nextExercise(all, store);
  return [
    `Progress ${progressBar(passed, all.length)} exercises pass · ${points} of ${possible} points`,
    ...(broken.length ? [pc.dim(`  (${broken.map((e) => e.key).join(', ')} passed before and fail${broken.length === 1 ? 's' : ''} now, so ${broken.length === 1 ? 'it is' : 'they are'} not counted)`)] : []),
    '',
    ...chapters,
    '',
    next ? `Next: ${next.key} — ${next.meta.title} (${command('grade', next.key)})` : 'Every exercise passes. Well done.',
  ].join('\n');
}

/** `npm run workbook -- list`. */
export async function listCommand(context: WorkbookContext, args: string[]): Promise<number> {
  parseCommand(args, { usage: command('list') });
  const all = await allExercises(context);
  const store = new ProgressStore(context.stateDir);
  console.log(renderList(all, store, nextExercise(all, store)?.key));
  if (store.rebuiltFrom) console.error(`Your progress file could not be read, so it was rebuilt; the old file is kept at ${store.rebuiltFrom}.`);
  return 0;
}

/** `npm run workbook -- progress`. */
export async function progressCommand(context: WorkbookContext, args: string[]): Promise<number> {
  parseCommand(args, { usage: command('progress') });
  const all = await allExercises(context);
  const store = new ProgressStore(context.stateDir);
  console.log(renderProgress(all, store));
  if (store.rebuiltFrom) console.error(`Your progress file could not be read, so it was rebuilt; the old file is kept at ${store.rebuiltFrom}.`);
  return 0;
}
