/**
 * Bug: adds up the output tokens of each `message_delta`, but Anthropic's counts there are
 * cumulative: a message with two deltas is billed for more tokens than it used.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['usage.outputTokens = event.usage.output_tokens;', 'usage.outputTokens += event.usage.output_tokens;']]);
