import { Channel, ChannelClosedError } from './channel.ts';

/** What {@link runPipeline} runs: M sources, N consumers, and the bounded channel between them. */
export interface PipelineOptions<T> {
  /** The producers: each is read in order, one item at a time, and sent into the channel. */
  producers: ReadonlyArray<AsyncIterable<T> | Iterable<T>>;
  /** How many consumers take items from the channel concurrently: an integer >= 1. */
  consumers: number;
  /** The channel's buffer size: an integer >= 0 (0 hands each item straight to a consumer). */
  capacity: number;
  /** Processes one item; `consumer` is the index (0 to consumers - 1) of the consumer running it. */
  handle: (item: T, consumer: number) => Promise<void> | void;
}

/** What a pipeline did, once every item has been handled. */
export interface PipelineResult {
  /** Items taken from the producers and sent into the channel. */
  produced: number;
  /** Items whose `handle` call completed. */
  handled: number;
}

/**
 * Runs M producers and N consumers over one bounded channel, and resolves once every item has
 * been handled: the textbook producer–consumer example of the chapter page, with its races fixed.
 *
 * - Nothing is lost or duplicated: every item a producer yields is handled exactly once.
 * - Each producer's items reach the channel in the order it yields them.
 * - Backpressure: a producer is not read further while the channel is full, so at most
 *   `capacity` items wait in the buffer and each producer holds at most one more.
 * - Completion: the channel is closed only after every producer has finished, and the returned
 *   promise resolves only after every consumer has finished its last item.
 * - Errors: if a producer or a `handle` call throws, the pipeline stops (no consumer starts
 *   another item, blocked producers are released), waits for the work in progress to end, and
 *   rejects with that first error; it never swallows one.
 *
 * @throws RangeError (as a rejection) when `consumers` is not an integer >= 1 or `capacity` not an integer >= 0.
 * @example
 * const result = await runPipeline({
 *   producers: [['Message 1', 'Message 2'], fetchPrompts()],
 *   consumers: 4,
 *   capacity: 16,
 *   handle: async (prompt) => { await callModel(prompt); },
 * });
 * result.handled; // every prompt from both producers
 */
export async function runPipeline<T>(options: PipelineOptions<T>): Promise<PipelineResult> {
  const { producers, consumers, capacity, handle } = options;
  if (!Number.isInteger(consumers) || consumers < 1) {
    throw new RangeError(`Expected \`consumers\` to be an integer >= 1, got ${String(consumers)} (${typeof consumers})`);
  }
  const channel = new Channel<T>(capacity);
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    failure ??= { error };
    // Closing releases producers blocked in send; consumers see the flag and stop taking work.
    channel.close();
  };
  let produced = 0;
  let handled = 0;

  const producing = producers.map(async (source) => {
    try {
      for await (const item of source) {
        if (failure) return;
        await channel.send(item);
        produced++;
      }
    } catch (error) {
      // A send rejected because another task failed is not a new error: report the first one.
      if (!(failure && error instanceof ChannelClosedError)) fail(error);
    }
  });

  const consuming = Array.from({ length: consumers }, async (_, index) => {
    for await (const item of channel) {
      if (failure) return;
      try {
        await handle(item, index);
        handled++;
      } catch (error) {
        fail(error);
        return;
      }
    }
  });

  await Promise.all(producing);
  // End of stream: every producer has finished, so consumers may drain the buffer and stop.
  channel.close();
  await Promise.all(consuming);
  if (failure) throw failure.error;
  return { produced, handled };
}
