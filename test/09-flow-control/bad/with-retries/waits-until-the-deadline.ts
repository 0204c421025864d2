/**
 * Bug: starts a wait that ends exactly at the deadline; the deadline passes as the wait ends, so
 * the caller is held for a retry that can never run.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['scheduler.now() + decision.delayMs >= startedAt + deadlineMs', 'scheduler.now() + decision.delayMs > startedAt + deadlineMs'],
]);
