/**
 * Bug: a result array of the wrong length is not detected: the callers past its end get undefined
 * as their result.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (!Array.isArray(results) || results.length !== entries.length) {', 'if (!Array.isArray(results)) {'],
]);
