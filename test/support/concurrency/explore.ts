import path from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { renderAscii } from './diagram.ts';
import { formatSteps } from './trace.ts';
import { type Decision, type RunFailure, World } from './world.ts';

/**
 * A scenario sets up one run: it creates the objects under test, declares actors and invariants
 * on `world`, and may return a final check that runs once every actor has finished.
 */
export type Scenario<P> = (world: World, params: P) => void | (() => void | Promise<void>);

export interface CheckOptions<P> {
  /** Scenario parameters (sizes, capacities), generated and shrunk by fast-check. */
  params?: fc.Arbitrary<P>;
  scenario: Scenario<P>;
  /** How many interleavings to explore; defaults to the global fast-check `numRuns`. */
  runs?: number;
  /** Scheduling decisions after which an unfinished run counts as a livelock. Default 2,000. */
  maxSteps?: number;
  /** Virtual timers, with "time passes" as a scheduling choice. Default true. */
  virtualTime?: boolean;
}

/** What one run did: its failure (if any) and its trace, as text. */
export interface RunReport {
  failure?: RunFailure;
  steps: string;
  diagram: string;
}

/** A concurrent scenario failed under some interleaving; the message holds everything needed to replay it. */
export class InterleavingError extends Error {
  readonly seed: number;
  readonly path: string;
  readonly failure: RunFailure;
  readonly steps: string;

  constructor(message: string, details: { seed: number; path: string; failure: RunFailure; steps: string }) {
    super(message, { cause: details.failure.cause });
    this.name = 'InterleavingError';
    this.seed = details.seed;
    this.path = details.path;
    this.failure = details.failure;
    this.steps = details.steps;
  }
}

const decision: fc.Arbitrary<Decision> = fc.record({ pick: fc.nat({ max: 7 }), ticks: fc.nat({ max: 3 }) });
const decisions = fc.array(decision, { maxLength: 120, size: 'medium' });

/** Runs the scenario once under the given decisions and parameters (no fast-check involved). */
export async function runOnce<P>(options: CheckOptions<P>, params: P, chosen: readonly Decision[]): Promise<RunReport> {
  const { failure, world } = await run(options, params, chosen);
  return { failure, steps: formatSteps(world.trace), diagram: renderAscii(world.trace) };
}

async function run<P>(options: CheckOptions<P>, params: P, chosen: readonly Decision[]): Promise<{ failure?: RunFailure; world: World }> {
  const world = new World({ decisions: chosen, maxSteps: options.maxSteps ?? 2_000, virtualTime: options.virtualTime ?? true });
  const finalCheck = options.scenario(world, params);
  return { failure: await world.run(finalCheck ?? undefined), world };
}

/**
 * Explores the scenario under many seeded interleavings and throws an {@link InterleavingError}
 * describing the smallest failing one it finds: the seed and path, the steps, a sequence
 * diagram, and the command that replays exactly that interleaving. One call per test: the
 * replay command selects the test by name and `WORKBOOK_PATH` applies to its first check.
 *
 * @example
 * await checkInterleavings({
 *   scenario: (world) => {
 *     const channel = world.name(new Channel<number>(1), 'channel');
 *     const got: number[] = [];
 *     world.actor('producer', async (a) => { await a.send(channel, 1); await a.close(channel); });
 *     world.actor('consumer', async (a) => {
 *       for (let r = await a.receive(channel); !r.done; r = await a.receive(channel)) got.push(r.value);
 *     });
 *     return () => expect(got).toEqual([1]);
 *   },
 * });
 */
export async function checkInterleavings<P = undefined>(options: CheckOptions<P>): Promise<void> {
  const params = options.params ?? (fc.constant(undefined) as fc.Arbitrary<P>);
  const property = fc.asyncProperty(params, decisions, async (p, d) => {
    // Traces are only drawn for the failure that is reported, not for every explored run.
    const { failure } = await run(options, p, d);
    if (failure) throw new Error(failure.message, { cause: failure.cause });
  });
  const global = fc.readConfigureGlobal();
  const replayPath = process.env.WORKBOOK_PATH;
  const details = await fc.check(property, {
    ...(options.runs === undefined ? {} : { numRuns: options.runs }),
    ...(replayPath ? { path: replayPath } : {}),
  });
  if (!details.failed) return;
  const seed = details.seed ?? global.seed ?? 0;
  if (!details.counterexample) {
    throw new Error(`The interleaving check failed without a counterexample (seed ${seed}): ${String(details.errorInstance)}`, {
      cause: details.errorInstance,
    });
  }
  const [p, d] = details.counterexample;
  const report = await runOnce(options, p, d);
  const failure = report.failure ?? { kind: 'final check' as const, message: String(details.errorInstance) };
  const pathValue = details.counterexamplePath ?? '';
  throw new InterleavingError(formatFailure({ seed, path: pathValue, params: p, shrinks: details.numShrinks, failure, report }), {
    seed,
    path: pathValue,
    failure,
    steps: report.steps,
  });
}

function formatFailure(f: { seed: number; path: string; params: unknown; shrinks: number; failure: RunFailure; report: RunReport }): string {
  const params = f.params === undefined ? '' : `\nScenario parameters: ${fc.stringify(f.params)}`;
  return [
    `${f.failure.message}`,
    '',
    `Found under seed ${f.seed}, path "${f.path}" (shrunk ${f.shrinks} time(s) to this smallest failing interleaving).${params}`,
    '',
    'The steps of that interleaving:',
    indent(f.report.steps),
    ...(f.report.diagram ? ['', 'As a sequence diagram:', indent(f.report.diagram)] : []),
    '',
    'Replay exactly this interleaving with:',
    `  ${replayCommand(f.seed, f.path)}`,
  ].join('\n');
}

/**
 * The shell command that reruns the current test from the given seed and path. It names the
 * test file and the test, and keeps the target (`WORKBOOK_TARGET`) the run used.
 */
export function replayCommand(seed: number, counterexamplePath: string): string {
  const state = expect.getState();
  const file = state.testPath ? path.relative(process.cwd(), state.testPath) : '<test file>';
  const name = (state.currentTestName ?? '').split(' > ').join(' ');
  const pattern = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const target = process.env.WORKBOOK_TARGET ? `WORKBOOK_TARGET=${process.env.WORKBOOK_TARGET} ` : '';
  return `${target}WORKBOOK_SEED=${seed} WORKBOOK_PATH=${counterexamplePath} npx vitest run ${file} -t ${shellQuote(pattern)}`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
