/**
 * Bug: the deadline is only checked before a wait, so an attempt that hangs holds the call forever.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      deadlineTimer = scheduler.setTimeout(() => fail(new DeadlineExceededError(deadlineMs, lastFailure)), deadlineMs);\n', ''],
]);
