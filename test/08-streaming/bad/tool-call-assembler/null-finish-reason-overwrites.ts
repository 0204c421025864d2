/**
 * Bug: takes `finish_reason` from every chunk of choice 0, so a chunk that follows the finish
 * reason with `null` (Azure OpenAI's content-filter results) undoes it: the finished message is
 * reported as truncated.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['if (choice.finish_reason) finishReason = choice.finish_reason;', 'finishReason = choice.finish_reason;']]);
