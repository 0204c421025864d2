/**
 * Bug: nack deletes the message instead of requeueing it, so a transient failure loses the request.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/06-message-queues/ack-queue.ts');

export const { AckQueue } = await mutant<Module>('06-message-queues/ack-queue', [
  ['    this.#retryOrBury(lease.record, reason);\n    return true;', '    if (lease.record.attempts >= this.#maxAttempts) this.#retryOrBury(lease.record, reason);\n    return true;'],
]);
