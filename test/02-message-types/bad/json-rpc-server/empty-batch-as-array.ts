/** Bug: treats `[]` as an empty batch and answers `[]`, instead of one Invalid Request object. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'if (parsed.length === 0) return JSON.stringify(errorResponse(null, INVALID_REQUEST));',
    "if (parsed.length === 0) return '[]';",
  ],
]);
