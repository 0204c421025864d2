/**
 * Bug: the deadline is only checked before a wait, so an attempt that hangs holds the call forever.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/with-retries.ts');

export const { withRetries, HttpError, RetryError, DeadlineExceededError, RetryBudget } = await mutant<Module>('09-flow-control/with-retries', [
  ['      deadlineTimer = scheduler.setTimeout(() => fail(new DeadlineExceededError(deadlineMs, lastFailure)), deadlineMs);\n', ''],
]);
