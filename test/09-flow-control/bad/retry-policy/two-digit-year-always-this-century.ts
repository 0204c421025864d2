/**
 * Bug: an RFC 850 date's two-digit year is always put in this century, so "99" is read as 2099
 * and a date long past becomes a wait far in the future.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['return at(year - 50)! > now ? at(year - 100) : at(year);', 'return at(year);'],
]);
