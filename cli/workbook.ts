/**
 * The learner's command: `npm run grade`, `npm run watch`, and `npm run workbook -- <command>`.
 *
 *   grade [<chapter> | <chapter>/<exercise>] [--all] [--json | --json=<file>]   score your work
 *   watch [<exercise>] [--all]                                                 re-grade on every save
 *   hint <exercise>                                                            the next hint for what fails
 *   reset <exercise>                                                           back to the stub (your file is backed up)
 *   solution <exercise> [--force]                                              the reference, once you pass
 *   list                                                                       every exercise and its status
 *   progress                                                                   your progress through the workbook
 *   practice [--chapter <c>] [--new <N>] [--stats | --mock [N] | --export anki]  interview cards and mock interviews
 *
 * Every command parses its arguments with the shared parser of core/run-main.ts: a usage error
 * prints the problem and the usage, and exits 2.
 */
import { ChapterMetaError } from '../core/chapter-meta.ts';
import { reportError, runMain, UsageError } from '../core/run-main.ts';
import { workbookContext, type WorkbookContext } from './context.ts';

export const USAGE = `Usage:
  npm run grade [-- <chapter> | <chapter>/<exercise>] [--all] [--json | --json=<file>] [--watchdog=<seconds>]
  npm run watch [-- <exercise>] [--all]
  npm run workbook -- hint <exercise>
  npm run workbook -- reset <exercise>
  npm run workbook -- solution <exercise> [--force]
  npm run workbook -- list
  npm run workbook -- progress
  npm run practice [-- --chapter <chapter>] [--new <N>] | --stats | --mock [N] [--minutes <M>] | --export anki

<exercise> is an id such as envelope, or <chapter>/<exercise> such as 00-getting-started/envelope.`;

type Command = (context: WorkbookContext, args: string[]) => Promise<number>;

// Each command loads only what it needs: `hint` or `list` never pays for the TypeScript compiler.
const COMMANDS: Record<string, () => Promise<Command>> = {
  grade: async () => (await import('./grade-command.ts')).gradeCommand,
  watch: async () => (await import('./watch.ts')).watchCommand,
  hint: async () => (await import('./hint.ts')).hintCommand,
  reset: async () => (await import('./reset.ts')).resetCommand,
  solution: async () => (await import('./solution.ts')).solutionCommand,
  list: async () => (await import('./list.ts')).listCommand,
  progress: async () => (await import('./list.ts')).progressCommand,
  practice: async () => (await import('./practice/command.ts')).practiceCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [verb, ...args] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    console.log(USAGE);
    return verb ? 0 : 2;
  }
  const load = COMMANDS[verb];
  try {
    if (!load) throw new UsageError(`Unknown command "${verb}"`, `npm run workbook -- <command>, one of: ${Object.keys(COMMANDS).join(', ')}. npm run workbook -- help shows them all`);
    if (args.includes('--help') || args.includes('-h')) {
      console.log(USAGE);
      return 0;
    }
    const run = await load();
    return await run(workbookContext(), args);
  } catch (error) {
    if (error instanceof ChapterMetaError) {
      console.error(`The workbook's chapter metadata has a problem, so nothing could be graded: ${error.message}`);
      return 1;
    }
    return reportError(error);
  }
}

runMain(import.meta.url, main);
