/**
 * Bug: retry-after-ms is ignored; only the coarser Retry-After is read.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  if (ms !== undefined && DECIMAL.test(ms)) return Number(ms);\n', ''],
]);
