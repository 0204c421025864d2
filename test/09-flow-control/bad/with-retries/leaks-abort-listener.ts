/**
 * Bug: the abort listener is never removed: a long-lived signal (a server's shutdown signal)
 * collects one listener per call and keeps every call's state alive.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/with-retries.ts');

export const { withRetries, HttpError, RetryError, DeadlineExceededError, RetryBudget } = await mutant<Module>('09-flow-control/with-retries', [
  ["      signal?.removeEventListener('abort', onAbort);\n", ''],
]);
