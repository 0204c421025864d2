import pc from 'picocolors';
import type { ExerciseReport, GradeReport, TaskReport } from './report.ts';

const MARK: Record<ExerciseReport['status'], string> = {
  passed: pc.green('✓'),
  failing: pc.red('✗'),
  error: pc.red('!'),
  timeout: pc.red('⧗'),
  'not-started': pc.dim('○'),
  missing: pc.yellow('?'),
};

const TASK_MARK: Record<TaskReport['status'], string> = {
  pass: pc.green('✓'),
  fail: pc.red('✗'),
  error: pc.red('!'),
  timeout: pc.red('⧗'),
  'not-started': pc.dim('○'),
  missing: pc.yellow('?'),
};

const DETAIL_LINES = 6;

/**
 * The scorecard: per chapter, per exercise and per task the points earned of possible, the first
 * failure of each exercise explained, then the totals. `next` is the closing "what now" line.
 */
export function renderScorecard(report: GradeReport, next: string): string {
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
    lines.push(...renderExercise(exercise, report.exercises.length > 1));
  }
  const passed = report.exercises.filter((e) => e.status === 'passed').length;
  if (report.unhandledErrors.length) {
    lines.push('', pc.bold('Errors that escaped every test') + pc.dim(' (the run could not tell which exercise caused them):'));
    for (const error of report.unhandledErrors.slice(0, 5)) lines.push(...wrap(`• ${error}`, '  '));
  }
  lines.push('');
  const score = `Score: ${report.points} of ${report.possible} points (${report.percent}%)`;
  lines.push(
    `${report.status === 'pass' ? pc.green(score) : pc.bold(score)} · ${passed} of ${report.exercises.length} exercise${report.exercises.length === 1 ? '' : 's'} pass · ${(report.durationMs / 1000).toFixed(1)}s`,
  );
  lines.push(next);
  return lines.join('\n');
}

export function renderExercise(exercise: ExerciseReport, compact = false): string[] {
  const id = exercise.key.split('/')[1]!;
  const lines = [`  ${MARK[exercise.status]} ${pc.bold(id)} ${pc.dim(`— ${exercise.title}`)}  ${exercise.points}/${exercise.possible}${label(exercise.status)}`];
  // Grading many exercises, an untouched stub needs no more than its label.
  if (exercise.message && !(compact && exercise.status === 'not-started')) lines.push(...wrap(exercise.message, '      '));
  const showTasks = exercise.status !== 'not-started' && exercise.status !== 'missing';
  if (showTasks) {
    const width = Math.max(...exercise.tasks.map((t) => t.title.length));
    for (const task of exercise.tasks) {
      const note = task.status === 'pass' ? '' : pc.dim(`  ${firstTest(task)}`);
      lines.push(`      ${TASK_MARK[task.status]} ${task.title.padEnd(width)}  ${task.points}/${task.possible}${note}`);
    }
  }
  const failure = exercise.failure;
  if (failure && exercise.status === 'failing') {
    lines.push('', `    ${pc.bold('First failure')} in "${failure.task}": ${failure.test}`);
    const generic = /^expected .* to (deeply |strictly )?equal /.test(failure.message) && failure.diff !== undefined;
    lines.push(...wrap(generic ? 'The value your code returned differs from the one the test expected:' : failure.message, '      '));
    lines.push(...comparison(failure.expected, failure.actual, failure.diff));
    if (failure.location) lines.push(`      where:    ${failure.location}${failure.inLearnerFile ? ' (your file)' : ' (the test)'}`);
  }
  if (exercise.unhandledErrors.length) {
    lines.push('', `    ${pc.bold('Errors your code left uncaught')} (an unhandled rejection or a throw in a callback):`);
    for (const error of exercise.unhandledErrors.slice(0, 3)) lines.push(...wrap(`• ${error}`, '      '));
  }
  if (exercise.typeErrors.length) {
    lines.push('', `    ${pc.bold('Type errors in your file')} ${pc.dim('(reported only: the tests ran anyway, since they strip types)')}:`);
    for (const error of exercise.typeErrors.slice(0, 5)) lines.push(`      ${exercise.file}:${error.line}:${error.column}  ${firstLine(error.message)}`);
    if (exercise.typeErrors.length > 5) lines.push(`      … and ${exercise.typeErrors.length - 5} more (npm run typecheck lists them all)`);
  }
  if (exercise.output) {
    const size = exercise.output.bytes >= 1024 * 1024 ? `${(exercise.output.bytes / 1024 / 1024).toFixed(1)} MB` : exercise.output.bytes >= 1024 ? `${Math.round(exercise.output.bytes / 1024)} KB` : `${exercise.output.bytes} bytes`;
    const shownLines = exercise.output.text.trimEnd().split('\n');
    lines.push('', `    ${pc.bold('Your code printed')} ${size} to the console${exercise.output.truncated ? '; the start of it' : ''}:`);
    for (const line of shownLines.slice(0, DETAIL_LINES)) lines.push(pc.dim(`      │ ${line.slice(0, 120)}`));
    if (shownLines.length > DETAIL_LINES || exercise.output.truncated) lines.push(pc.dim('      │ …'));
  }
  if (exercise.nextHint && exercise.status !== 'not-started') {
    lines.push('', `    Stuck? ${pc.cyan(exercise.nextHint.command)} ${pc.dim(`shows hint ${exercise.nextHint.level} of ${exercise.nextHint.of}`)}`);
  }
  return lines;
}

function label(status: ExerciseReport['status']): string {
  if (status === 'passed') return pc.green('  passed');
  if (status === 'not-started') return pc.dim('  not started');
  if (status === 'missing') return pc.yellow('  file missing');
  if (status === 'timeout') return pc.red('  did not finish');
  if (status === 'error') return pc.red('  could not run');
  return '';
}

function firstTest(task: TaskReport): string {
  const failed = task.tests.find((t) => t.status !== 'pass');
  return truncate(failed ? failed.name : task.message ?? '', 70);
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

function wrap(text: string, indent: string, width = 100): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n').slice(0, 12)) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        out.push(`${indent}${line}`);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(`${indent}${line}`);
  }
  return out;
}

function firstLine(text: string): string {
  return truncate(text.split('\n')[0] ?? '', 110);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
