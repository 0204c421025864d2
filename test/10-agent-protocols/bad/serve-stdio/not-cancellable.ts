/**
 * Bug: waits between steps with a plain timer that never looks at the abort signal, so neither a
 * cancellation nor the end of stdin stops a count.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (signal.aborted) return reject(signal.reason);\n', ''],
  ['    signal.addEventListener(\'abort\', onAbort, { once: true });\n', ''],
]);
