/** Bug: no end-of-stream signal: the channel is never closed, so consumers wait for more items forever and runPipeline never resolves. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/pipeline.ts');

export const { runPipeline } = await mutant<Module>(
  '07-producer-consumer/pipeline',
  [
    ['  await Promise.all(producing);\n  channel.close();\n  await Promise.all(consuming);', '  await Promise.all(producing);\n  await Promise.all(consuming);'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-pipeline.ts' },
);
