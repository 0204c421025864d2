/**
 * Bug: every attempt gets a fresh idempotency key, so a server that did the work but whose reply
 * was lost does it again.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/with-retries.ts');

export const { withRetries, HttpError, RetryError, DeadlineExceededError, RetryBudget } = await mutant<Module>('09-flow-control/with-retries', [
  ['        idempotencyKey,\n        signal: controller.signal,', '        idempotencyKey: (options.newIdempotencyKey ?? randomUUID)(),\n        signal: controller.signal,'],
]);
