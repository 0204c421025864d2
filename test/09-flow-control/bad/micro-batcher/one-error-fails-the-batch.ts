/**
 * Bug: one Error among the results rejects every caller of the batch.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['          if (result instanceof Error) entry.reject(result);', '          if (results.some((r) => r instanceof Error)) entry.reject(results.find((r) => r instanceof Error));'],
]);
