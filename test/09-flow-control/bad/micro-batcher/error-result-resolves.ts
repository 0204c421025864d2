/**
 * Bug: an Error result is handed to its caller as a value instead of rejecting it.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['          if (result instanceof Error) entry.reject(result);\n          else entry.resolve(result);', '          entry.resolve(result as O);'],
]);
