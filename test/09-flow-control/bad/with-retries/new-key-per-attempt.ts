/**
 * Bug: every attempt gets a fresh idempotency key, so a server that did the work but whose reply
 * was lost does it again.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        idempotencyKey,\n        signal: controller.signal,', '        idempotencyKey: (options.newIdempotencyKey ?? randomUUID)(),\n        signal: controller.signal,'],
]);
