/**
 * Bug: leases never expire. A receiver that crashes mid-request holds its message forever: it is
 * never redelivered, never dead-lettered.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        if (lease.expiresAt > now) break;', '        break;'],
]);
