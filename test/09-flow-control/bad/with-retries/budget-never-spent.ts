/**
 * Bug: failures never take tokens from the shared budget, so a dead service still gets every retry
 * of every call: the retry storm the budget exists to stop.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['            budget.recordFailure();\n', ''],
]);
