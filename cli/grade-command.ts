import { writeFileAtomic } from '../core/files.ts';
import { parseCommand, UsageError } from '../core/run-main.ts';
import { selectExercises } from '../core/workbook.ts';
import { allExercises, command, type WorkbookContext } from './context.ts';
import { DEFAULT_IDLE_SECONDS, gradeExercises } from './grade.ts';
import { nextStep } from './next-step.ts';
import { ProgressStore } from './progress-store.ts';
import { GradeProgress, lineWriter } from './progress-line.ts';
import { renderScorecard } from './render.ts';
import { terminalWidth } from './wrap.ts';

export const GRADE_USAGE = `npm run grade [-- <chapter> | <chapter>/<exercise>] [--all] [--json | --json=<file>] [--watchdog=<seconds>]`;

/**
 * `npm run grade`: grades the selected exercises and prints the scorecard (or, with `--json`,
 * the report as JSON on stdout; with `--json=<file>`, both). Exit status: 0 when every graded
 * exercise passes, 1 when anything does not, 2 on a usage error.
 */
export async function gradeCommand(context: WorkbookContext, args: string[]): Promise<number> {
  const options = parseGradeArgs(args);
  const all = await allExercises(context);
  const selected = options.filter ? selectExercises(all, options.filter) : all;
  if (selected.length === 0) {
    throw new UsageError(`No chapter or exercise matches "${options.filter}". ${command('list')} shows them all`, GRADE_USAGE);
  }
  const store = new ProgressStore(context.stateDir);
  // Progress goes to a terminal only, on stderr, so that piped or JSON output stays clean.
  const line = process.stderr.isTTY ? lineWriter(process.stderr) : undefined;
  const progress = line ? new GradeProgress(selected, line.show) : undefined;
  progress?.start();
  const report = await gradeExercises(context, selected, store, {
    idleSeconds: options.idleSeconds,
    ...(progress ? { onEvent: (event) => progress.event(event) } : {}),
  }).finally(() => {
    progress?.stop();
    line?.clear();
  });
  if (store.rebuiltFrom) console.error(`Your progress file could not be read, so it was rebuilt; the old file is kept at ${store.rebuiltFrom}.`);
  if (options.jsonFile) writeFileAtomic(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  if (options.jsonToStdout) console.log(JSON.stringify(report, null, 2));
  else console.log(renderScorecard(report, nextStep(report, all, store), { all: options.all, width: terminalWidth(process.stdout) }));
  return report.status === 'pass' ? 0 : 1;
}

export interface GradeArgs {
  filter?: string;
  jsonToStdout: boolean;
  jsonFile?: string;
  idleSeconds: number;
  /** Show every failure, not only the first of each failing task. */
  all: boolean;
}

export function parseGradeArgs(args: string[], env: NodeJS.ProcessEnv = process.env): GradeArgs {
  const { options, occurrences, positionals } = parseCommand(args, {
    usage: GRADE_USAGE,
    options: { json: 'flag-or-value', watchdog: 'value', all: 'flag' },
    positionals: { max: 1, tooMany: 'Grade one chapter or exercise at a time, or everything' },
  });
  const json = occurrences.json ?? [];
  const parsed: GradeArgs = { jsonToStdout: json.includes(true), idleSeconds: Number(env.WORKBOOK_WATCHDOG_SECONDS) || DEFAULT_IDLE_SECONDS, all: options.all === true };
  if (positionals[0]) parsed.filter = positionals[0];
  const file = json.filter((v): v is string => typeof v === 'string').at(-1);
  if (file) parsed.jsonFile = file;
  if (typeof options.watchdog === 'string') {
    const seconds = Number(options.watchdog);
    if (!(seconds > 0)) throw new UsageError(`--watchdog needs a number of seconds, got "${options.watchdog}"`, GRADE_USAGE);
    parsed.idleSeconds = seconds;
  }
  return parsed;
}
