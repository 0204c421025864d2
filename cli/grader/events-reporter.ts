import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node';
import type { UserConsoleLog } from 'vitest';
import { currentRunFiles } from './run-files.ts';

/**
 * A vitest reporter the grader runs beside `core/results-reporter.ts`. It appends one JSON line
 * per event to the run's `events.jsonl` (see run-files.ts) *as the run goes*, so that when the
 * grader's watchdog has to kill a run that hangs (a synchronous infinite loop never lets vitest
 * finish), it still knows which suites finished, which test was running, and what passed so far.
 * The file growing is also the watchdog's heartbeat.
 *
 * Test starts and ends are written by cli/grader/setup.ts, from inside the worker, to the same file.
 *
 * It also caps what the learner's code prints: the first {@link LOG_LIMIT_BYTES} of console
 * output per suite are kept, the rest only counted.
 */
export type GradeEvent =
  | { event: 'run-start'; file?: undefined }
  | { event: 'module-queued'; file: string }
  | { event: 'file-start'; file: string }
  | { event: 'file-end'; file: string }
  | { event: 'module-start'; file: string }
  /** `name` is the test's own title, `fullName` every enclosing describe's title and its own, joined by ` > `. */
  | { event: 'test-start'; file: string; task: string | undefined; name: string; fullName: string }
  | { event: 'test-end'; file: string; task: string | undefined; name: string; fullName: string; state: 'passed' | 'failed' | 'skipped'; message?: string }
  | { event: 'module-end'; file: string }
  | { event: 'log'; file: string; text: string }
  | { event: 'log-total'; file: string; bytes: number }
  | { event: 'unhandled'; file: string | undefined; test: string | undefined; message: string; stack?: string };

export const LOG_LIMIT_BYTES = 4_096;

export default class EventsReporter implements Reporter {
  #out: string | undefined;
  #logBytes = new Map<string, number>();
  #fileOfTask = new Map<string, string>();

  onTestRunStart(): void {
    // Read at each run: a warm runner (runner.ts) does many runs, each with its own folder.
    this.#out = currentRunFiles()?.events;
    this.#logBytes.clear();
    this.#fileOfTask.clear();
    this.#write({ event: 'run-start' });
  }

  onTestModuleQueued(module: TestModule): void {
    this.#fileOfTask.set(module.id, module.moduleId);
    this.#write({ event: 'module-queued', file: module.moduleId });
  }

  onTestModuleStart(module: TestModule): void {
    // Output printed while the file loads belongs to the module's own task id.
    this.#fileOfTask.set(module.id, module.moduleId);
    this.#write({ event: 'module-start', file: module.moduleId });
  }

  onTestCaseReady(test: TestCase): void {
    // Test starts and ends are written from inside the worker (cli/grader/setup.ts); here only
    // the mapping that attributes console output to its suite.
    this.#fileOfTask.set(test.id, test.module.moduleId);
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

  #write(event: GradeEvent): void {
    if (this.#out) appendFileSync(this.#out, `${JSON.stringify(event)}\n`);
  }
}
