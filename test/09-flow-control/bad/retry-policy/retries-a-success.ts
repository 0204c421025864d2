/**
 * Bug: x-should-retry is obeyed before the status is checked for a failure, so a 200 that carries
 * `x-should-retry: true` is sent again.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (status < 400) return { retry: false, reason: `status ${status} is not an error` };\n', ''],
]);
