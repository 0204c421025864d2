/**
 * Bug: ack finds the delivery by walking every lease in flight instead of looking it up by its
 * id, so each ack costs time in proportion to the number of messages being worked on.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'return this.#leases.delete(deliveryId);',
    'for (const [id] of this.#leases) if (id === deliveryId) return this.#leases.delete(id);\n    return false;',
  ],
]);
