/**
 * Bug: an attempt that had already streamed part of its answer is retried, so the user sees
 * the start of the answer twice, or two different answers spliced together.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/with-retries.ts');

export const { withRetries, HttpError, RetryError, DeadlineExceededError, RetryBudget } = await mutant<Module>('09-flow-control/with-retries', [
  ["          if (streaming) return fail(new RetryError('the response had started streaming', number, error));\n", ''],
]);
