/**
 * Bug: tests the optional field by truthiness (`if (body.maxTokens)`), so `maxTokens: 0` and
 * `maxTokens: null` slip through unchecked.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (body.maxTokens !== undefined) result.maxTokens', 'if (body.maxTokens) result.maxTokens'],
]);
