/** Bug: sends `result: undefined` when a handler returns nothing; JSON.stringify drops it and the response has no result member. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['result: result === undefined ? null : result', 'result'],
]);
