/**
 * Bug: each task is chained with `previous.then(task)` and the chain has no `catch`. After one
 * task of a key fails, every later task of that key is skipped and rejects with the old error.
 */
import { edits } from '../../../support/mutant.ts';

export default edits(
  [
    [
      '    const result = previous.then(\n      () => task(),\n      () => task(),\n    );',
      '    const result = previous.then(() => task());',
    ],
  ],
  { base: 'test/03-message-ordering/bad/compact-keyed-executor.ts' },
);
