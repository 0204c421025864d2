/**
 * Bug: failures never take tokens from the shared budget, so a dead service still gets every retry
 * of every call: the retry storm the budget exists to stop.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/with-retries.ts');

export const { withRetries, HttpError, RetryError, DeadlineExceededError, RetryBudget } = await mutant<Module>('09-flow-control/with-retries', [
  ['            budget.recordFailure();\n', ''],
]);
