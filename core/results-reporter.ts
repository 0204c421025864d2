import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason } from 'vitest/node';
import { ROOT } from './root.ts';
import { taskOf } from './task.ts';

/** One error as the workbook reports it: the message and, for assertions, expected and actual. */
export interface ErrorRecord {
  message: string;
  name?: string;
  expected?: string;
  actual?: string;
  diff?: string;
  /** The first stack frame inside the repository, `file:line:column`, where known. */
  location?: string;
}

export interface TestRecord {
  project: string;
  /** Suite file relative to the repository root. */
  file: string;
  /** The top-level `describe` title: the graded task this test belongs to (undefined outside any). */
  task: string | undefined;
  name: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  errors: ErrorRecord[];
  /** Why a skipped test did not run, when the skip said so. */
  note?: string;
  durationMs: number;
}

export interface ModuleRecord {
  project: string;
  file: string;
  state: string;
  /** Errors that stopped the file from loading (syntax error, a throw at import time, …). */
  errors: ErrorRecord[];
}

export interface RunResults {
  tests: TestRecord[];
  modules: ModuleRecord[];
  unhandledErrors: ErrorRecord[];
  reason: string;
}

/**
 * A vitest reporter that writes every test's outcome, grouped by project and task, as JSON to
 * the file named by `WORKBOOK_RESULTS`. The self-check and the grader both read it; the
 * self-check also follows its progress through `WORKBOOK_PROGRESS`.
 */
export default class ResultsReporter implements Reporter {
  #queued = 0;
  #done = 0;
  #resultsFile: string | undefined;
  #progressFile: string | undefined;

  onTestRunStart(): void {
    this.#queued = 0;
    this.#done = 0;
    // Read at the start of each run (the warm grader sets them before every run) and taken out of
    // the environment, so that the test workers, and any vitest or grader a test starts in turn,
    // cannot write into this run's results or progress.
    this.#resultsFile = takeEnv('WORKBOOK_RESULTS');
    this.#progressFile = takeEnv('WORKBOOK_PROGRESS');
  }

  onTestModuleQueued(): void {
    this.#queued++;
  }

  /** With `WORKBOOK_PROGRESS` naming a file, each finished test file appends `<done> <queued>` to it, for a long run's progress. */
  onTestModuleEnd(): void {
    this.#done++;
    if (this.#progressFile) appendFileSync(this.#progressFile, `${this.#done} ${this.#queued}\n`);
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    const out = this.#resultsFile;
    if (!out) return;
    const results: RunResults = { tests: [], modules: [], unhandledErrors: unhandledErrors.map(toRecord), reason };
    for (const module of testModules) {
      const project = module.project.name;
      const file = relative(module.moduleId);
      results.modules.push({ project, file, state: module.state(), errors: module.errors().map(toRecord) });
      for (const test of module.children.allTests()) results.tests.push(testRecord(test, project, file));
    }
    writeFileSync(out, JSON.stringify(results));
  }
}

function takeEnv(name: string): string | undefined {
  const value = process.env[name];
  delete process.env[name];
  return value;
}

function testRecord(test: TestCase, project: string, file: string): TestRecord {
  const result = test.result();
  return {
    project,
    file,
    task: topLevelSuite(test),
    name: test.fullName,
    state: result.state,
    errors: (result.errors ?? []).map(toRecord),
    ...(result.state === 'skipped' && result.note ? { note: result.note } : {}),
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
}

function topLevelSuite(test: TestCase): string | undefined {
  const suites: string[] = [];
  for (let node: TestCase['parent'] = test.parent; node.type === 'suite'; node = node.parent) suites.unshift(node.name);
  return taskOf(suites);
}

function toRecord(error: SerializedError & { expected?: unknown; actual?: unknown; diff?: unknown }): ErrorRecord {
  const record: ErrorRecord = { message: String(error.message ?? error) };
  if (error.name) record.name = error.name;
  if (typeof error.expected === 'string') record.expected = error.expected;
  if (typeof error.actual === 'string') record.actual = error.actual;
  if (typeof error.diff === 'string') record.diff = error.diff;
  const frame = error.stacks?.find((s) => s.file.startsWith(ROOT) && !s.file.includes('node_modules'));
  if (frame) record.location = `${relative(frame.file)}:${frame.line}:${frame.column}`;
  return record;
}

function relative(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}
