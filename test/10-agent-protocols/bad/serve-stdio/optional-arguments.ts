/**
 * Bug: leaves add's arguments optional, so add with only `a` answers "NaN" instead of a tool
 * execution error.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      required: [\'a\', \'b\'],\n', ''],
]);
