/**
 * Bug: trims every value instead of removing one leading space, so leading and trailing spaces
 * of the data disappear (a token " world" arrives as "world" and the words run together).
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'return text.slice(start < end && text.charCodeAt(start) === SPACE ? start + 1 : start, end);',
    'return text.slice(start, end).trim();',
  ],
]);
