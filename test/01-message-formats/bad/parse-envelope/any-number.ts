/**
 * Bug: checks integer fields with `typeof value === 'number'` only: a token index of -1 or
 * a timestamp of 1.5 is accepted.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (!Number.isSafeInteger(value) || value < min) throw', 'if (Number.isNaN(value)) throw'],
]);
