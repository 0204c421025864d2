import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node';
import type { UserConsoleLog } from 'vitest';

/**
 * A vitest reporter the grader runs beside `tools/results-reporter.ts`. It appends one JSON line
 * per event to the file named by `WORKBOOK_ACTIVITY` *as the run goes*, so that when the
 * grader's watchdog has to kill a run that hangs (a synchronous infinite loop never lets vitest
 * finish), it still knows which suites finished, which test was running, and what passed so far.
 * The file growing is also the watchdog's heartbeat.
 *
 * It also caps what the learner's code prints: the first {@link LOG_LIMIT_BYTES} of console
 * output per suite are kept, the rest only counted.
 */
export type ActivityEvent =
  | { event: 'module-start'; file: string }
  | { event: 'test-start'; file: string; task: string | undefined; name: string }
  | { event: 'test-end'; file: string; task: string | undefined; name: string; state: string; message?: string }
  | { event: 'module-end'; file: string }
  | { event: 'log'; file: string; text: string }
  | { event: 'log-total'; file: string; bytes: number }
  | { event: 'unhandled'; file: string | undefined; test: string | undefined; message: string; stack?: string };

export const LOG_LIMIT_BYTES = 4_096;

export default class ActivityReporter implements Reporter {
  #out = process.env.WORKBOOK_ACTIVITY;
  #logBytes = new Map<string, number>();
  #fileOfTask = new Map<string, string>();

  onTestModuleStart(module: TestModule): void {
    this.#write({ event: 'module-start', file: module.moduleId });
  }

  onTestCaseReady(test: TestCase): void {
    this.#fileOfTask.set(test.id, test.module.moduleId);
    this.#write({ event: 'test-start', file: test.module.moduleId, task: topLevel(test), name: test.name });
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    const message = result.errors?.[0]?.message;
    this.#write({ event: 'test-end', file: test.module.moduleId, task: topLevel(test), name: test.name, state: result.state, ...(message ? { message } : {}) });
  }

  onTestModuleEnd(module: TestModule): void {
    const bytes = this.#logBytes.get(module.moduleId) ?? 0;
    if (bytes > 0) this.#write({ event: 'log-total', file: module.moduleId, bytes });
    this.#write({ event: 'module-end', file: module.moduleId });
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    const file = (log.taskId && this.#fileOfTask.get(log.taskId)) || log.origin || '(unknown)';
    const before = this.#logBytes.get(file) ?? 0;
    const size = Buffer.byteLength(log.content);
    this.#logBytes.set(file, before + size);
    if (before >= LOG_LIMIT_BYTES) return;
    this.#write({ event: 'log', file, text: log.content.slice(0, LOG_LIMIT_BYTES - before) });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>): void {
    for (const error of errors as ReadonlyArray<SerializedError & { VITEST_TEST_PATH?: string; VITEST_TEST_NAME?: string }>) {
      this.#write({
        event: 'unhandled',
        file: error.VITEST_TEST_PATH ? path.resolve(error.VITEST_TEST_PATH) : undefined,
        test: error.VITEST_TEST_NAME,
        message: String(error.message ?? error),
        ...(error.stack ? { stack: error.stack } : {}),
      });
    }
  }

  #write(event: ActivityEvent): void {
    if (this.#out) appendFileSync(this.#out, `${JSON.stringify(event)}\n`);
  }
}

function topLevel(test: TestCase): string | undefined {
  let node: TestCase['parent'] = test.parent;
  let top: string | undefined;
  while (node.type === 'suite') {
    top = node.name;
    node = node.parent;
  }
  return top;
}
