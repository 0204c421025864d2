/**
 * Bug: an error that `isFailure` rejects enters the window as a success, so a burst of client
 * errors pushes real failures out of the window and dilutes the failure rate.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["    if (outcome === 'ignored') return;\n", ''],
]);
