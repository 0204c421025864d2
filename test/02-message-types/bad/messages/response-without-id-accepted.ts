/** Bug: accepts a response without an id member, which the client can never match to its request. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "  if (!hasId) return invalid('a response needs an id member (null when the request id was unreadable)', null);\n",
    '',
  ],
]);
