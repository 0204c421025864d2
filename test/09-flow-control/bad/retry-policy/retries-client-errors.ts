/**
 * Bug: every 4xx counts as retryable, so a malformed request (400) or a bad API key (401) is
 * sent again and fails again, burning attempts and rate limit.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['return status === 408 || status === 409 || status === 429 || status >= 500;', 'return status >= 400;'],
]);
