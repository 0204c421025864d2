/** Bug: no completion tracking: runPipeline resolves as soon as the producers are done, while consumers are still handling the last items. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['  await Promise.all(consuming);', '  void consuming;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-pipeline.ts' },
);
