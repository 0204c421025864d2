/**
 * Bug: still answers a cancelled request: the handler's rejection after the abort goes out as an
 * isError result.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    // A cancelled request gets no response at all, whatever its handler did after the abort.\n    if (controller.signal.aborted) return;\n', ''],
]);
