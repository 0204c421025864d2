/** Bug: a failing handler is caught and logged, and the consumer moves on: runPipeline resolves as if every item had been processed. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      } catch (error) {\n        fail(error);\n        return;', '      } catch {\n        // "log and continue": the caller never learns that an item was not processed'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-pipeline.ts' },
);
