/**
 * The deterministic concurrency kit: runs a scenario's actors under many seeded interleavings in
 * virtual time, checks invariants between steps, detects deadlocks without waiting for a timeout,
 * and reports a failure as numbered steps, a sequence diagram and a replay command.
 *
 * - {@link checkInterleavings} explores interleavings with fast-check and throws on the smallest failure;
 * - {@link runOnce} runs one given interleaving (for tests of the kit, or to inspect a trace);
 * - {@link World} and {@link Actor} are what a scenario builds on.
 */
export { checkInterleavings, InterleavingError, replayCommand, runOnce, type CheckOptions, type RunReport, type Scenario } from './explore.ts';
export { renderAscii, toMermaid } from './diagram.ts';
export { formatSteps, show, Trace, type TraceEvent, type TraceKind } from './trace.ts';
export { Actor, type ChannelLike, type Decision, type RunFailure, World, type WorldOptions } from './world.ts';
