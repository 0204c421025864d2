/**
 * Bug: nack deletes the message instead of requeueing it, so a transient failure loses the request.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    this.#retryOrBury(lease.record, reason);\n    return true;', '    if (lease.record.attempts >= this.#maxAttempts) this.#retryOrBury(lease.record, reason);\n    return true;'],
]);
