/**
 * Bug: the wait timer is not cleared when the call ends early, so after an abort the next attempt
 * still runs.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/with-retries.ts');

export const { withRetries, HttpError, RetryError, DeadlineExceededError, RetryBudget } = await mutant<Module>('09-flow-control/with-retries', [
  ['      if (waitTimer !== undefined) scheduler.clearTimeout(waitTimer);\n', ''],
]);
