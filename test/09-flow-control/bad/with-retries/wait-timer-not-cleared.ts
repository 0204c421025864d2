/**
 * Bug: the wait timer is not cleared when the call ends early, so after an abort the next attempt
 * still runs.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      if (waitTimer !== undefined) scheduler.clearTimeout(waitTimer);\n', ''],
]);
