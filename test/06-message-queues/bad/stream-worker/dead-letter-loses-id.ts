/**
 * Bug: the dead-letter entry does not record the original entry's id, so nobody can tell
 * which request died or redrive it idempotently.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["'originalId', entry.id, 'reason'", "'reason'"],
]);
