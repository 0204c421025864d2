import { writeFileAtomic } from '../core/files.ts';
import { selectExercises } from '../core/workbook.ts';
import { allExercises, command, UsageError, type WorkbookContext } from './context.ts';
import { DEFAULT_IDLE_SECONDS, gradeExercises } from './grade.ts';
import { nextStep } from './next-step.ts';
import { ProgressStore } from './progress-store.ts';
import { renderScorecard } from './render.ts';

export const GRADE_USAGE = `npm run grade [-- <chapter> | <chapter>/<exercise>] [--json | --json=<file>] [--watchdog=<seconds>]`;

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
    throw new UsageError(`No chapter or exercise matches "${options.filter}". ${command('list')} shows them all.`);
  }
  const store = new ProgressStore(context.stateDir);
  if (!options.jsonToStdout && process.stdout.isTTY) process.stdout.write(`Grading ${selected.length} exercise${selected.length === 1 ? '' : 's'}…\r`);
  const report = await gradeExercises(context, selected, store, { idleSeconds: options.idleSeconds });
  if (store.rebuiltFrom) console.error(`Your progress file could not be read, so it was rebuilt; the old file is kept at ${store.rebuiltFrom}.`);
  if (options.jsonFile) writeFileAtomic(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  if (options.jsonToStdout) console.log(JSON.stringify(report, null, 2));
  else console.log(renderScorecard(report, nextStep(report, all, store)));
  return report.status === 'pass' ? 0 : 1;
}

interface GradeArgs {
  filter?: string;
  jsonToStdout: boolean;
  jsonFile?: string;
  idleSeconds: number;
}

export function parseGradeArgs(args: string[]): GradeArgs {
  const parsed: GradeArgs = { jsonToStdout: false, idleSeconds: Number(process.env.WORKBOOK_WATCHDOG_SECONDS) || DEFAULT_IDLE_SECONDS };
  for (const arg of args) {
    if (arg === '--json') parsed.jsonToStdout = true;
    else if (arg.startsWith('--json=')) parsed.jsonFile = arg.slice('--json='.length);
    else if (arg.startsWith('--watchdog=')) {
      const seconds = Number(arg.slice('--watchdog='.length));
      if (!(seconds > 0)) throw new UsageError(`--watchdog needs a number of seconds, got "${arg}". Usage: ${GRADE_USAGE}`);
      parsed.idleSeconds = seconds;
    } else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}. Usage: ${GRADE_USAGE}`);
    else if (parsed.filter) throw new UsageError(`Grade one chapter or exercise at a time, or everything. Usage: ${GRADE_USAGE}`);
    else parsed.filter = arg;
  }
  return parsed;
}
