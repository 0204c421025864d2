/**
 * Bug: returns whatever arrived when the stream ends without a finish reason, so a dropped
 * connection passes for a complete answer.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['  if (finishReason === null) throw new StreamTruncatedError(null, message);\n', '']]);
