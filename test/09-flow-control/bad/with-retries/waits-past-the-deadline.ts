/**
 * Bug: starts a wait that ends after the deadline, and fails only when the deadline timer fires,
 * holding the caller for nothing.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['          if (deadlineMs !== undefined && scheduler.now() + decision.delayMs >= startedAt + deadlineMs) {\n            return fail(new DeadlineExceededError(deadlineMs, error));\n          }\n', ''],
]);
