/**
 * Bug: the server's wait is not capped at maxDelayMs: `Retry-After: 3600` parks the call for an hour.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['Math.floor(Math.min(maxDelayMs, Math.max(0, asked)))', 'Math.floor(Math.max(0, asked))'],
]);
