/**
 * Bug: a lease expires only when now > expiresAt, so at exactly the deadline the message is still
 * hidden and a late ack still succeeds.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        if (lease.expiresAt > now) break;', '        if (lease.expiresAt >= now) break;'],
]);
