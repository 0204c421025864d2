/**
 * Bug: names the type found with plain `typeof`, so null and arrays are reported as "got object"
 * and a missing field as "got undefined".
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  if (value === undefined) return \'missing\';\n  if (value === null) return \'null\';\n  if (Array.isArray(value)) return \'array\';\n', ''],
]);
