/**
 * Bug: the abort listener added while a load waits for room is not removed when the load is let
 * in, so an abort after its batch was sent still rejects a load that is in flight.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["      if (entry.onAbort) signal.removeEventListener('abort', entry.onAbort);\n", ''],
]);
