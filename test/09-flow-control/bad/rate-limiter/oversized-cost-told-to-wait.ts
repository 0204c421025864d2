/**
 * Bug: a cost above the capacity is refused with a retryAfterMs, as if waiting could ever let it
 * through; the client retries forever.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  if (cost > capacity) throw new CostExceedsCapacityError(cost, capacity);\n', ''],
]);
