/**
 * Bug: reports JSON cut off by the token limit as malformed arguments, so the caller re-prompts
 * the model instead of asking again with a higher max_tokens.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['    if (cutByLimit) throw new StreamTruncatedError(finishReason, message, { cause: malformed.cause });\n', '']]);
