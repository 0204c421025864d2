/** Bug: no end-of-stream signal: the channel is never closed, so consumers wait for more items forever and runPipeline never resolves. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['  await Promise.all(producing);\n  channel.close();\n  await Promise.all(consuming);', '  await Promise.all(producing);\n  await Promise.all(consuming);'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-pipeline.ts' },
);
