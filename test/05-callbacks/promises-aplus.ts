/**
 * `npm run aplus [-- chapters|solutions|<file>] [--timeout <ms>]`: runs the official Promises/A+ compliance suite
 * (npm `promises-aplus-tests`, 872 tests) against a `MyPromise` implementation.
 *
 * The target is the learner's file, `chapters/05-callbacks/promise.ts` (as with `npm run grade`),
 * unless the first argument or `WORKBOOK_TARGET` names another: `solutions` (the reference, which
 * `npm test` checks), `chapters`, or a path to any module that exports `MyPromise`. Prints one line per failing test and a summary, and exits 0
 * only when every test passed. `--timeout` sets how long one test may wait for its callbacks
 * (default 2000 ms).
 *
 * The suite is real-time: some of its tests wait on 50 ms timers, so a full run takes a few
 * seconds. It is not a graded suite; the graded subset lives in `promise.test.ts`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { materializeMutant } from '../../core/mutant.ts';
import { ROOT } from '../../core/root.ts';
import { parseCommand, runMain, UsageError } from '../../core/run-main.ts';

const EXERCISE = '05-callbacks/promise.ts';
/** The number of tests in promises-aplus-tests 2.1.2 (Promises/A+ 1.1). */
export const EXPECTED_TESTS = 872;
/**
 * How long one test may wait for its callbacks before it fails. The suite's own default, 200 ms,
 * is overrun on a busy machine by tests that wait on 50 ms timers; a promise that never calls
 * back still fails, after this long.
 */
const TEST_TIMEOUT_MS = 2_000;
const USAGE = 'npm run aplus [-- chapters|solutions|<file>] [--timeout <ms>]';
/** Failures printed one by one; the rest are counted, so the summary stays on screen. */
const MAX_PRINTED_FAILURES = 30;

interface Deferred {
  promise: unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

type PromiseClass = new (executor: (resolve: (value: unknown) => void, reject: (reason: unknown) => void) => void) => unknown;

/** The part of a mocha 2 runner this reporter listens to. */
interface MochaRunner {
  on(event: 'pass', listener: (test: MochaTest) => void): void;
  on(event: 'fail', listener: (test: MochaTest, error: unknown) => void): void;
  on(event: 'end', listener: () => void): void;
}

interface MochaTest {
  fullTitle(): string;
}

type RunSuite = (adapter: { deferred: () => Deferred }, options: { reporter: new (runner: MochaRunner) => unknown; timeout: number }, done: (error: unknown) => void) => void;

/** Where the module under test lives, from the command line or `WORKBOOK_TARGET`. */
export function resolveTarget(argument: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const target = argument || env.WORKBOOK_TARGET || 'chapters';
  if (target === 'solutions' || target === 'chapters') return path.join(ROOT, target, EXERCISE);
  return path.resolve(process.cwd(), target);
}

function describeTarget(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/') || file;
}

async function loadPromiseClass(file: string): Promise<PromiseClass> {
  // A known-bad implementation written as edits of a correct file is written out whole first.
  const module = (await import(pathToFileURL(materializeMutant(file, ROOT, path.join(ROOT, 'solutions', EXERCISE))).href)) as { MyPromise?: unknown };
  if (typeof module.MyPromise !== 'function') {
    throw new Error(`${describeTarget(file)} does not export a class named MyPromise`);
  }
  return module.MyPromise as PromiseClass;
}

function adapterFor(MyPromise: PromiseClass): { deferred: () => Deferred } {
  return {
    deferred() {
      let resolve!: (value: unknown) => void;
      let reject!: (reason: unknown) => void;
      const promise = new MyPromise((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  };
}

/** Fails fast, with one clear message, while the constructor is still the generated TODO. */
function checkImplemented(MyPromise: PromiseClass, file: string): string | undefined {
  try {
    new MyPromise(() => {});
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `new MyPromise(executor) threw "${message}" in ${describeTarget(file)}. Implement the constructor first; the compliance suite builds every promise with it.`;
  }
}

/** Runs the whole suite and resolves with the counts; prints each failure as it happens. */
export function runCompliance(MyPromise: PromiseClass, timeout = TEST_TIMEOUT_MS): Promise<{ passed: number; failed: number }> {
  const require = createRequire(import.meta.url);
  const runSuite = require('promises-aplus-tests') as RunSuite;
  let passed = 0;
  let failed = 0;
  class Reporter {
    constructor(runner: MochaRunner) {
      runner.on('pass', () => {
        passed++;
      });
      runner.on('fail', (test, error) => {
        failed++;
        if (failed > MAX_PRINTED_FAILURES) return;
        const reason = error instanceof Error ? error.message : String(error);
        console.log(`  ✗ ${test.fullTitle()}\n      ${reason.split('\n')[0]}`);
      });
    }
  }
  return new Promise((resolve) => {
    runSuite(adapterFor(MyPromise), { reporter: Reporter, timeout }, () => resolve({ passed, failed }));
  });
}

async function main(argv: string[]): Promise<number> {
  const { options, positionals } = parseCommand(argv, { usage: USAGE, options: { timeout: 'value' }, positionals: { max: 1 } });
  const timeout = options.timeout === undefined ? TEST_TIMEOUT_MS : Number(options.timeout);
  if (!Number.isInteger(timeout) || timeout <= 0) throw new UsageError(`--timeout takes a whole number of milliseconds, not "${String(options.timeout)}"`, USAGE);
  const file = resolveTarget(positionals[0]);
  console.log(`Promises/A+ compliance suite (promises-aplus-tests, ${EXPECTED_TESTS} tests) against ${describeTarget(file)}`);
  if (file === path.join(ROOT, 'solutions', EXERCISE)) console.log('This is the reference solution; npm run aplus alone checks your own file.');
  let MyPromise: PromiseClass;
  try {
    MyPromise = await loadPromiseClass(file);
  } catch (error) {
    console.log(`Could not load the implementation: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const notImplemented = checkImplemented(MyPromise, file);
  if (notImplemented) {
    console.log(notImplemented);
    return 1;
  }
  const { passed, failed } = await runCompliance(MyPromise, timeout);
  const total = passed + failed;
  if (failed > MAX_PRINTED_FAILURES) console.log(`  … and ${failed - MAX_PRINTED_FAILURES} more failing tests`);
  console.log();
  console.log(`Promises/A+: ${passed} passed, ${failed} failed, ${total} of ${EXPECTED_TESTS} ran.`);
  if (failed === 0 && total === EXPECTED_TESTS) {
    console.log('Every test of the Promises/A+ specification passes.');
    return 0;
  }
  if (failed > 0) {
    console.log('Each ✗ above names the section of https://promisesaplus.com it checks (2.2.x: then, 2.3.x: the resolution procedure).');
  } else {
    console.log(`Expected ${EXPECTED_TESTS} tests to run; the suite may have stopped early.`);
  }
  return 1;
}

runMain(import.meta.url, main);
