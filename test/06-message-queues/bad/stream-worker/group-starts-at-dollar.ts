/**
 * Bug: creates the group at `$` (only entries added from now on), so every entry a producer
 * added before the first worker started is never delivered.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["'0', 'MKSTREAM'", "'$', 'MKSTREAM'"],
]);
