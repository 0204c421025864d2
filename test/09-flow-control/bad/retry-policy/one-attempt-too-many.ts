/**
 * Bug: gives up only when attempt > maxAttempts, so a call makes maxAttempts + 1 attempts.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (attempt >= maxAttempts) return', 'if (attempt > maxAttempts) return'],
]);
