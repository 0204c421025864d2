/** Bug: each consumer loops "while the channel is not empty", the textbook `while not queue.empty()`: a consumer that starts before the first item arrives exits at once, and items are left unhandled. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    for await (const item of channel) {', '    while (channel.size > 0) {\n      const next = await channel.receive();\n      if (next.done) return;\n      const item = next.value;'],
    ['  await Promise.all(producing);', '  await Promise.all(consuming);\n  await Promise.all(producing).catch(() => {});'],
    ['  channel.close();\n  await Promise.all(consuming);\n  if (failure) throw failure.error;', '  channel.close();\n  if (failure) throw failure.error;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-pipeline.ts' },
);
