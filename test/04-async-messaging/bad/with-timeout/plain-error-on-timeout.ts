/** Bug: rejects with a plain Error('timeout') on the time limit, so callers cannot tell a timeout from any other failure. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['reject(new TimeoutError(ms));', "reject(new Error('timeout'));"],
]);
