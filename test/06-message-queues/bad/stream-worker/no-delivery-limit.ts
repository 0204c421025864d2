/**
 * Bug: reclaims without a delivery limit. A poison entry that fails every time is retried
 * forever and never reaches the dead-letter stream.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (entry.deliveries > this.#maxDeliveries) {', 'if (entry.deliveries < 0) {'],
  ['if (entry.deliveries >= this.#maxDeliveries) {', 'if (entry.deliveries < 0) {'],
]);
