/**
 * Bug: reads `choices[0]` of every chunk, so with n > 1 the deltas of the other choices (which
 * come in chunks of their own) are mixed into choice 0's answer.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['json.choices?.find((choice) => choice.index === 0)?.delta?.content', 'json.choices?.[0]?.delta?.content']]);
