/**
 * Bug: waits a fixed second between attempts instead of decideRetry's delay, ignoring Retry-After
 * and jitter alike.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['waitTimer = scheduler.setTimeout(() => attempt(number + 1), decision.delayMs);', 'waitTimer = scheduler.setTimeout(() => attempt(number + 1), 1000);'],
]);
