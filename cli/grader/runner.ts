import { createInterface } from 'node:readline';
import { createVitest } from 'vitest/node';
import { RUN_DIR_ENV, readPlan, runFiles } from './run-files.ts';

/**
 * A vitest process kept warm between grades, for `watch`: it loads vitest, its configuration and
 * the workbook's plugin once, then runs one grade per line it reads on stdin (the folder of that
 * run, laid out as run-files.ts says), and answers each with one line on stdout when the run has
 * written its results. A save then costs a test run, not a vitest start-up as well.
 *
 * Each run's test files run in fresh workers that read the run's folder from their environment,
 * so nothing of one grade's learner code survives into the next; the files the learner may have
 * changed are invalidated before each run, so their new text is what runs. The grader's watchdog
 * stops this process like any other run when a test never finishes, and starts a new one.
 */
const vitest = await createVitest('test', { config: 'cli/grader/vitest.config.ts', watch: false }, {}, {});
const project = vitest.getRootProject();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { dir, invalidate } = JSON.parse(line) as { dir: string; invalidate: string[] };
  const files = runFiles(dir);
  process.env[RUN_DIR_ENV] = dir;
  process.env.WORKBOOK_RESULTS = files.results;
  for (const file of invalidate) vitest.invalidateFile(file);
  const plan = readPlan(files);
  await vitest.runTestSpecifications(plan.files.map((file) => project.createSpecification(file)));
  process.stdout.write(`${JSON.stringify({ done: dir })}\n`);
}
// The grader closed stdin (it quit, or it died): nothing more will come.
await vitest.close();
process.exit(0);
