/**
 * Bug: dead-letters a failing entry only when its delivery count exceeds maxDeliveries, one
 * delivery late, and then with the wrong reason.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (entry.deliveries >= this.#maxDeliveries) {', 'if (entry.deliveries > this.#maxDeliveries) {'],
]);
