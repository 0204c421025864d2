/**
 * Bug: the delivery id is the message id, the same on every delivery. A slow receiver whose lease
 * expired can still ack, deleting the message while another receiver works on it.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/06-message-queues/ack-queue.ts');

export const { AckQueue } = await mutant<Module>('06-message-queues/ack-queue', [
  ['deliveryId: `d${this.#nextDelivery++}`,', 'deliveryId: record.messageId,'],
]);
