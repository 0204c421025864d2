/**
 * Bug: the backoff ceiling is baseDelayMs × 2^attempt, twice too long from the first retry on.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['baseDelayMs * 2 ** (attempt - 1)', 'baseDelayMs * 2 ** attempt'],
]);
