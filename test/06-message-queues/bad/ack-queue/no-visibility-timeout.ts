/**
 * Bug: leases never expire. A receiver that crashes mid-request holds its message forever: it is
 * never redelivered, never dead-lettered.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/06-message-queues/ack-queue.ts');

export const { AckQueue } = await mutant<Module>('06-message-queues/ack-queue', [
  ['        if (lease.expiresAt > now) break;', '        break;'],
]);
