/** Bug: a failing handler is caught and logged, and the consumer moves on: runPipeline resolves as if every item had been processed. */
import { Channel, ChannelClosedError } from '../../../../solutions/07-producer-consumer/channel.ts';
import type { PipelineOptions, PipelineResult } from '../../../../solutions/07-producer-consumer/pipeline.ts';

export async function runPipeline<T>(options: PipelineOptions<T>): Promise<PipelineResult> {
  const { producers, consumers, capacity, handle } = options;
  if (!Number.isInteger(consumers) || consumers < 1) throw new RangeError(`Expected \`consumers\` to be an integer >= 1, got ${consumers}`);
  const channel = new Channel<T>(capacity);
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    failure ??= { error };
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
      if (!(failure && error instanceof ChannelClosedError)) fail(error);
    }
  });
  const consuming = Array.from({ length: consumers }, async (_, index) => {
    for await (const item of channel) {
      if (failure) return;
      try {
        await handle(item, index);
        handled++;
      } catch {
        // "log and continue": the caller never learns that an item was not processed
      }
    }
  });
  await Promise.all(producing);
  channel.close();
  await Promise.all(consuming);
  if (failure) throw failure.error;
  return { produced, handled };
}
