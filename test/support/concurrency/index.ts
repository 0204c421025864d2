/**
 * The deterministic concurrency kit: runs a scenario's actors under many seeded interleavings in
 * virtual time, checks invariants between steps, detects deadlocks without waiting for a timeout,
 * and reports a failure as numbered steps, a sequence diagram and a replay command.
 *
 * - {@link checkInterleavings} explores interleavings with fast-check and throws on the smallest failure;
 * - {@link runOnce} runs one given interleaving (for tests of the kit, or to inspect a trace);
 * - {@link World} and {@link Actor} are what a scenario builds on.
 *
 * A scenario names the objects under test, declares actors (each operation an actor performs
 * through `call`, `send`, `receive` or `close` is a scheduling point and a trace entry), states
 * invariants, and returns a final check. Code the implementation calls back into (a task body, a
 * handler, a producer's iterator) can take part too: `world.participant(name).step(label)` is a
 * scheduling point without an actor body. Keep scenarios small (two or three actors, a few
 * messages): shrinking then yields traces a reader can follow.
 *
 * Time: with `virtualTime` (the default) the kit installs fake timers for each run, or drives the
 * test's own if it already uses `vi.useFakeTimers()`, and "time passes to the next timer" becomes
 * one of the scheduling choices, so a `setTimeout` never decides the outcome by itself.
 *
 * @example
 * import { checkInterleavings } from '../support/concurrency/index.ts';
 *
 * it('every message is delivered once', async () => {
 *   await checkInterleavings({
 *     params: fc.record({ capacity: fc.integer({ min: 0, max: 2 }) }),
 *     scenario: (world, { capacity }) => {
 *       const channel = world.name(new Channel<number>(capacity), 'channel');
 *       const got: number[] = [];
 *       world.invariant(`size <= ${capacity}`, () => channel.size <= capacity);
 *       world.actor('producer', async (a) => {
 *         for (const v of [1, 2, 3]) await a.send(channel, v);
 *         await a.close(channel);
 *       });
 *       world.actor('consumer', async (a) => {
 *         for (let r = await a.receive(channel); !r.done; r = await a.receive(channel)) got.push(r.value);
 *       });
 *       return () => expect(got).toEqual([1, 2, 3]);
 *     },
 *   });
 * });
 */
export { checkInterleavings, InterleavingError, replayCommand, runOnce, type CheckOptions, type RunReport, type Scenario } from './explore.ts';
export { renderAscii, toMermaid } from './diagram.ts';
export { formatSteps, show, Trace, type TraceEvent, type TraceKind } from './trace.ts';
export { Actor, type ChannelLike, type Decision, type RunFailure, World, type WorldOptions } from './world.ts';
