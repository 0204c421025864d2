/**
 * Preloaded into a child process (`node --import <this file>`) during the coverage run of
 * `npm run mutate`, when the parent sets WORKBOOK_CHILD_COVERAGE: StrykerJS's instrumented code
 * counts each mutant it reaches in `globalThis.__stryker__.mutantCoverage.static`, and this records
 * every mutant the first time it is reached, one id per line, appended synchronously to that file,
 * so nothing is lost when the test kills the child. The parent reads it back
 * (mutation-children.ts). Outside a coverage run it does nothing.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.WORKBOOK_CHILD_COVERAGE;
if (file) {
  const reached: Record<string, number> = {};
  const recording = new Proxy(reached, {
    set(target, id, count: number) {
      if (typeof id === 'string' && !(id in target)) appendFileSync(file, `${id}\n`);
      return Reflect.set(target, id, count);
    },
  });
  (globalThis as { __stryker__?: unknown }).__stryker__ = { mutantCoverage: { static: recording, perTest: {} } };
}
