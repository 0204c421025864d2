/** Bug: adds the abort listener with { once: true } and never removes it, so a long-lived signal collects one listener per call. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "      signal?.removeEventListener('abort', onAbort);\n",
    '',
  ],
  [
    "signal?.addEventListener('abort', onAbort);",
    "signal?.addEventListener('abort', onAbort, { once: true });",
  ],
]);
