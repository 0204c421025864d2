/**
 * Bug: does not close the server when stdin ends: a running count goes on and keeps the process
 * alive.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      server.close(\'stdin closed\');\n', ''],
]);
