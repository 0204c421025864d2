/**
 * Bug: the server's x-should-retry verdict is ignored; only the status decides.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["const retryable = verdict === 'true' ? true : verdict === 'false' ? false : isRetryableStatus(status);", 'const retryable = isRetryableStatus(status);'],
]);
