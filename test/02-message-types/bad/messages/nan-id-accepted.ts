/** Bug: accepts any number as an id, so NaN or Infinity goes out as null: a different id, and the response matches nothing. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["(typeof value === 'number' && Number.isFinite(value))", "typeof value === 'number'"],
]);
