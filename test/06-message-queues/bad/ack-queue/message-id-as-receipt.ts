/**
 * Bug: the delivery id is the message id, the same on every delivery. A slow receiver whose lease
 * expired can still ack, deleting the message while another receiver works on it.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['deliveryId: `d${this.#nextDelivery++}`,', 'deliveryId: record.messageId,'],
]);
