/**
 * The learner's command: `npm run grade`, `npm run watch`, and `npm run workbook -- <command>`.
 *
 *   grade [<chapter> | <chapter>/<exercise>] [--json | --json=<file>]   score your work
 *   watch [<exercise>]                                                  re-grade on every save
 *   hint <exercise>                                                     one more hint each time
 *   reset <exercise>                                                    back to the stub (your file is backed up)
 *   solution <exercise> [--force]                                       the reference, once you pass
 *   list                                                                every exercise and its status
 *   progress                                                            your progress through the workbook
 */
import { runMain } from '../core/run-main.ts';
import { ChapterMetaError } from '../core/chapter-meta.ts';
import { UsageError, workbookContext, type WorkbookContext } from './context.ts';

export const USAGE = `Usage:
  npm run grade [-- <chapter> | <chapter>/<exercise>] [--json | --json=<file>]
  npm run watch [-- <exercise>]
  npm run workbook -- hint <exercise>
  npm run workbook -- reset <exercise>
  npm run workbook -- solution <exercise> [--force]
  npm run workbook -- list
  npm run workbook -- progress

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
};

export async function main(argv: string[]): Promise<number> {
  const [verb, ...args] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    console.log(USAGE);
    return verb ? 0 : 2;
  }
  const load = COMMANDS[verb];
  if (!load) {
    console.error(`Unknown command "${verb}".\n\n${USAGE}`);
    return 2;
  }
  try {
    const run = await load();
    return await run(workbookContext(), args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof ChapterMetaError) {
      console.error(`The workbook's chapter metadata has a problem, so nothing could be graded: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

runMain(import.meta.url, main);
