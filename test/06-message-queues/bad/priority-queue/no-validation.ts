/**
 * Bug: accepts any priority. NaN compares false with everything, so one NaN silently corrupts
 * the heap order for every message after it.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "    if (typeof priority !== 'number' || !Number.isFinite(priority)) {\n      throw new RangeError(`Expected \\`priority\\` to be a finite number, got ${String(priority)} (${typeof priority})`);\n    }\n",
    '',
  ],
]);
