/**
 * Bug: trusts `typeof value === 'object'`, which is also true for null and for arrays:
 * a null body crashes with a TypeError and an array header is accepted as an object.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (typeof value !== \'object\' || value === null || Array.isArray(value)) {', 'if (typeof value !== \'object\') {'],
]);
