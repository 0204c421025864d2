/**
 * Bug: dead-letters only when attempts exceed maxAttempts, so a poison message is delivered
 * maxAttempts + 1 times.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/06-message-queues/ack-queue.ts');

export const { AckQueue } = await mutant<Module>('06-message-queues/ack-queue', [
  ['if (record.attempts >= this.#maxAttempts)', 'if (record.attempts > this.#maxAttempts)'],
]);
