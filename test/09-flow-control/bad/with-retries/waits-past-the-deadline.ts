/**
 * Bug: starts a wait that ends after the deadline, and fails only when the deadline timer fires,
 * holding the caller for nothing.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/with-retries.ts');

export const { withRetries, HttpError, RetryError, DeadlineExceededError, RetryBudget } = await mutant<Module>('09-flow-control/with-retries', [
  ['          if (deadlineMs !== undefined && scheduler.now() + decision.delayMs >= startedAt + deadlineMs) {\n            return fail(new DeadlineExceededError(deadlineMs, error));\n          }\n', ''],
]);
