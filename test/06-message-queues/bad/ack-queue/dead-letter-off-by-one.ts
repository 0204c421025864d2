/**
 * Bug: dead-letters only when attempts exceed maxAttempts, so a poison message is delivered
 * maxAttempts + 1 times.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (record.attempts >= this.#maxAttempts)', 'if (record.attempts > this.#maxAttempts)'],
]);
