/**
 * Bug: waits a fixed second between attempts instead of decideRetry's delay, ignoring Retry-After
 * and jitter alike.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/with-retries.ts');

export const { withRetries, HttpError, RetryError, DeadlineExceededError, RetryBudget } = await mutant<Module>('09-flow-control/with-retries', [
  ['waitTimer = scheduler.setTimeout(() => attempt(number + 1), decision.delayMs);', 'waitTimer = scheduler.setTimeout(() => attempt(number + 1), 1000);'],
]);
