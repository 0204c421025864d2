/**
 * Bug: an attempt that had already streamed part of its answer is retried, so the user sees
 * the start of the answer twice, or two different answers spliced together.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["          if (streaming) return fail(new RetryError('the response had started streaming', number, error));\n", ''],
]);
