/**
 * Bug: a lease expires only when now > expiresAt, so at exactly the deadline the message is still
 * hidden and a late ack still succeeds.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/06-message-queues/ack-queue.ts');

export const { AckQueue } = await mutant<Module>('06-message-queues/ack-queue', [
  ['        if (lease.expiresAt > now) break;', '        if (lease.expiresAt >= now) break;'],
]);
