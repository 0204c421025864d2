/**
 * Bug: the abort listener is never removed: a long-lived signal (a server's shutdown signal)
 * collects one listener per call and keeps every call's state alive.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["      signal?.removeEventListener('abort', onAbort);\n", ''],
]);
