/** Bug: checks only that the type is truthy, so a type of spaces ("   ") slips through. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["if (typeof type !== 'string' || type.trim() === '') {", "if (!type || typeof type !== 'string') {"],
]);
