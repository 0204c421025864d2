/**
 * Bug: promisify resolves with every result as an array even without `multiArgs`, so a callback
 * called as `(error, value)` resolves with `[value]` instead of `value`.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['else resolve(multiArgs ? results : results[0]);', 'else resolve(results);'],
]);
