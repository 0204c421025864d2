/** Bug: no completion tracking: runPipeline resolves as soon as the producers are done, while consumers are still handling the last items. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/pipeline.ts');

export const { runPipeline } = await mutant<Module>(
  '07-producer-consumer/pipeline',
  [
    ['  await Promise.all(consuming);', '  void consuming;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-pipeline.ts' },
);
