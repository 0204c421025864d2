/** Bug: does not check signal.aborted first: it sends a request that is already cancelled, and then waits for an abort event that never comes. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    // An already aborted request is never sent, so there is nothing to cancel on the other side.\n    if (signal?.aborted) return Promise.reject(signal.reason);\n', '    // An already aborted request is never sent, so there is nothing to cancel on the other side.\n'],
]);
