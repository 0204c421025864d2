/** Bug: answers a batch of notifications only with `[]`; the specification says to return nothing at all. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "return sent.length === 0 ? undefined : `[${sent.join(',')}]`;",
    "return `[${sent.join(',')}]`;",
  ],
]);
