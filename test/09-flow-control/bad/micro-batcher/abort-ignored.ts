/**
 * Bug: aborting a load does nothing: the item is still sent and paid for after its caller left.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const { signal } = entry;\n    if (signal) {', '    const signal = undefined as AbortSignal | undefined;\n    if (signal) {'],
]);
