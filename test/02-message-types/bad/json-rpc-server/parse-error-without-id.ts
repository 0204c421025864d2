/** Bug: leaves the id member out of the parse-error response; it must be present and null. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '      return JSON.stringify(errorResponse(null, PARSE_ERROR));',
    "      return JSON.stringify({ jsonrpc: '2.0', error: PARSE_ERROR });",
  ],
]);
