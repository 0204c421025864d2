/**
 * A compact, correct pipeline that several known-bad implementations are small edits of (see
 * `mutant` in test/support/mutant.ts). It is not graded itself, and it is not the reference.
 */
import { Channel, ChannelClosedError } from '../../../solutions/07-producer-consumer/channel.ts';
import type { PipelineOptions, PipelineResult } from '../../../solutions/07-producer-consumer/pipeline.ts';

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
      } catch (error) {
        fail(error);
        return;
      }
    }
  });
  await Promise.all(producing);
  channel.close();
  await Promise.all(consuming);
  if (failure) throw failure.error;
  return { produced, handled };
}
