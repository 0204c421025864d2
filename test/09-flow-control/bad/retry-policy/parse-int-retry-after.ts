/**
 * Bug: Retry-After is read with parseInt: an HTTP-date gives NaN and "1.5" gives 1 s.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  if (DECIMAL.test(value)) return Number(value) * 1000;\n', '  return parseInt(value, 10) * 1000;\n'],
]);
