import pc from 'picocolors';
import type { ExerciseReport, FailureReport, GradeReport, TaskReport } from './report.ts';
import { statusLabel, statusMark } from './status.ts';
import { fitToWidth, wrapWords } from './wrap.ts';

const DETAIL_LINES = 6;
/** Prose is wrapped at this width when the terminal's is unknown (output piped to a file). */
const PROSE_WIDTH = 100;

export interface RenderOptions {
  /** Every failure of each failing task, not only the first. */
  all?: boolean;
  /** The terminal's width: every line is fitted to it. */
  width?: number | undefined;
  /** In watch, the key that shows the next hint (instead of the command). */
  hintKey?: string;
}

/**
 * The scorecard: per chapter, per exercise and per task the points earned of possible, under
 * each exercise that does not pass the first failure of each failing task (every failure with
 * `all`), then the totals. `next` is the closing "what now" line.
 */
export function renderScorecard(report: GradeReport, next: string, options: RenderOptions = {}): string {
  const lines: string[] = [];
  let chapter = '';
  for (const exercise of report.exercises) {
    if (exercise.chapter !== chapter) {
      chapter = exercise.chapter;
      const mine = report.exercises.filter((e) => e.chapter === chapter);
      const points = mine.reduce((s, e) => s + e.points, 0);
      const possible = mine.reduce((s, e) => s + e.possible, 0);
      if (lines.length) lines.push('');
      lines.push(`${pc.bold(chapter)}  ${pc.dim(`${points}/${possible} points`)}`);
    }
    lines.push(...renderExercise(exercise, { ...options, compact: report.exercises.length > 1 }));
  }
  const passed = report.exercises.filter((e) => e.status === 'pass').length;
  if (report.unhandledErrors.length) {
    lines.push('', pc.bold('Errors that escaped every test') + pc.dim(' (the run could not tell which exercise caused them):'));
    for (const error of report.unhandledErrors.slice(0, 5)) lines.push(...prose(`• ${error}`, '  ', options.width, '    '));
  }
  lines.push('');
  const score = `Score: ${report.points} of ${report.possible} points (${report.percent}%)`;
  lines.push(
    `${report.status === 'pass' ? pc.green(score) : pc.bold(score)} · ${passed} of ${report.exercises.length} exercise${report.exercises.length === 1 ? '' : 's'} pass · ${(report.durationMs / 1000).toFixed(1)}s`,
  );
  lines.push(next);
  return fitToWidth(lines.join('\n'), options.width);
}

/** One exercise's part of the scorecard (watch shows it alone). */
export function renderExercise(exercise: ExerciseReport, options: RenderOptions & { compact?: boolean } = {}): string[] {
  const id = exercise.key.split('/')[1]!;
  const label = exercise.status === 'fail' ? '' : `  ${statusLabel(exercise.status, exercise.needs?.map((n) => n.command))}`;
  const lines = [`  ${statusMark(exercise.status)} ${pc.bold(id)} ${pc.dim(`— ${exercise.title}`)}  ${exercise.points}/${exercise.possible}${label}`];
  // Grading many exercises, an untouched stub needs no more than its label.
  if (exercise.message && !(options.compact && exercise.status === 'not-started')) lines.push(...prose(exercise.message, '      ', options.width));
  const showTasks = exercise.status !== 'not-started' && exercise.status !== 'missing' && exercise.status !== 'needs-program';
  if (showTasks) {
    const width = Math.max(...exercise.tasks.map((t) => t.title.length));
    for (const task of exercise.tasks) {
      const note = task.status === 'pass' ? '' : pc.dim(`  ${taskNote(task)}`);
      lines.push(`      ${statusMark(task.status)} ${task.title.padEnd(width)}  ${task.points}/${task.possible}${note}`);
    }
  }
  if (exercise.status === 'fail' || exercise.status === 'timeout') lines.push(...renderFailures(exercise.failures, options));
  if (exercise.unhandledErrors.length) {
    lines.push('', `    ${pc.bold('Errors your code left uncaught')} (an unhandled rejection or a throw in a callback):`);
    for (const error of exercise.unhandledErrors.slice(0, 3)) lines.push(...prose(`• ${error}`, '      ', options.width, '        '));
  }
  lines.push(...renderTypeErrors(exercise));
  if (exercise.output) {
    const size = exercise.output.bytes >= 1024 * 1024 ? `${(exercise.output.bytes / 1024 / 1024).toFixed(1)} MB` : exercise.output.bytes >= 1024 ? `${Math.round(exercise.output.bytes / 1024)} KB` : `${exercise.output.bytes} bytes`;
    const shownLines = exercise.output.text.trimEnd().split('\n');
    lines.push('', `    ${pc.bold('Your code printed')} ${size} to the console${exercise.output.truncated ? '; the start of it' : ''}:`);
    for (const line of shownLines.slice(0, DETAIL_LINES)) lines.push(pc.dim(`      │ ${line.slice(0, 120)}`));
    if (shownLines.length > DETAIL_LINES || exercise.output.truncated) lines.push(pc.dim('      │ …'));
  }
  if (exercise.nextHint && exercise.status !== 'not-started') {
    const which = `hint ${exercise.nextHint.level} of ${exercise.nextHint.of}${exercise.nextHint.task ? `, for "${exercise.nextHint.task}"` : ''}`;
    lines.push('', options.hintKey ? `    Stuck? Press ${pc.cyan(options.hintKey)} for ${which}.` : `    Stuck? ${pc.cyan(exercise.nextHint.command)} ${pc.dim(`shows ${which}`)}`);
  }
  return lines;
}

/**
 * The failures worth reading: the first of each failing task (every one with `all`). An
 * interleaving report is always shown whole: its steps, diagram and replay command are the
 * clearest account of a concurrency bug the workbook can give.
 */
function renderFailures(failures: FailureReport[], options: RenderOptions): string[] {
  const chosen = options.all ? failures : failures.filter((f, i) => failures.findIndex((g) => g.task === f.task) === i);
  const lines: string[] = [];
  for (const failure of chosen) {
    lines.push('', `    ${pc.bold(options.all ? 'Failure' : 'First failure')} in "${failure.task}": ${failure.test}`);
    if (failure.interleaving) {
      // Keep the report's own layout: numbered steps and a diagram must not be re-wrapped.
      for (const line of failure.message.split('\n')) lines.push(line ? `      ${line}` : '');
    } else {
      const generic = /^expected .* to (deeply |strictly )?equal /.test(failure.message) && failure.diff !== undefined;
      const message = generic ? 'The value your code returned differs from the one the test expected:' : failure.message;
      lines.push(...prose(message, '      ', options.width).slice(0, 12));
      lines.push(...comparison(failure.expected, failure.actual, failure.diff));
    }
    // An interleaving report's own location is the explorer's, which says nothing about the bug.
    if (failure.location && !failure.interleaving) lines.push(`      where:    ${failure.location}${failure.inLearnerFile ? ' (your file)' : ' (the test)'}`);
  }
  if (!options.all && failures.length > chosen.length) {
    lines.push('', pc.dim(`    ${failures.length - chosen.length} more failing test${failures.length - chosen.length === 1 ? '' : 's'} not shown; add --all to see every one.`));
  }
  return lines;
}

function renderTypeErrors(exercise: ExerciseReport): string[] {
  if (exercise.typeErrors.length === 0) return [];
  // When the file could not load, the compiler's view is the same story, not a second one.
  const loaded = exercise.status !== 'error';
  const errors = loaded ? exercise.typeErrors : exercise.typeErrors.filter((e) => !exercise.message?.includes(`:${e.line}:${e.column}:`));
  if (errors.length === 0) return [];
  const heading = loaded
    ? `    ${pc.bold('Type errors in your file')} ${pc.dim('(reported only: the tests ran anyway, since they strip types)')}:`
    : `    ${pc.bold('The TypeScript compiler also found')}:`;
  const lines = ['', heading];
  for (const error of errors.slice(0, 5)) lines.push(`      ${exercise.file}:${error.line}:${error.column}  ${firstLine(error.message)}`);
  if (errors.length > 5) lines.push(`      … and ${errors.length - 5} more (npm run typecheck lists them all)`);
  return lines;
}

function taskNote(task: TaskReport): string {
  if (task.status === 'not-run' || task.status === 'timeout') return truncate(task.message ?? '', 90);
  const failed = task.tests.find((t) => t.status !== 'pass');
  return truncate(failed ? failed.name : (task.message ?? ''), 70);
}

/** Expected and got side by side when short; otherwise only the lines that differ. */
function comparison(expected: string | undefined, actual: string | undefined, diff: string | undefined): string[] {
  if (expected === undefined && actual === undefined) return [];
  const short = (text: string | undefined): boolean => text === undefined || (!text.includes('\n') && text.length <= 100);
  if (short(expected) && short(actual)) {
    return [...(expected !== undefined ? block('expected:', expected) : []), ...(actual !== undefined ? block('got:     ', actual) : [])];
  }
  const changed = (diff ?? '').split('\n').filter((line) => (/^[-+] /.test(line) || /^[-+]\s*$/.test(line)) && !/^[-+] (Expected|Received):?\s*$/.test(line));
  if (changed.length === 0) return [...block('expected:', expected ?? ''), ...block('got:     ', actual ?? '')];
  const lines = [`      ${pc.green('- expected')}  ${pc.red('+ got')}  ${pc.dim('(only the lines that differ)')}`];
  for (const line of changed.slice(0, DETAIL_LINES * 2)) lines.push(`      ${line.startsWith('-') ? pc.green(truncate(line, 100)) : pc.red(truncate(line, 100))}`);
  if (changed.length > DETAIL_LINES * 2) lines.push('      …');
  return lines;
}

function block(label: string, text: string): string[] {
  const all = text.split('\n');
  const shown = all.slice(0, DETAIL_LINES).map((line, i) => `      ${i === 0 ? label : ' '.repeat(label.length)} ${truncate(line, 100)}`);
  if (all.length > DETAIL_LINES) shown.push(`      ${' '.repeat(label.length)} …`);
  return shown;
}

/** Paragraphs wrapped at word boundaries; lines that are drawings (a code frame) kept as they are. */
function prose(text: string, indent: string, width: number | undefined, continuation = indent): string[] {
  return text.split('\n').flatMap((paragraph) => (/[│╭╰┬]/.test(paragraph) ? [`${indent}${paragraph}`] : wrapWords(paragraph, indent, width ?? PROSE_WIDTH, continuation)));
}

function firstLine(text: string): string {
  return truncate(text.split('\n')[0] ?? '', 110);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
