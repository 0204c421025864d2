/** Bug: checks result first and never looks for error, so a response carrying both is accepted as a success. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "  if (hasResult && hasError) return invalid('a response has either result or error, never both', echo);\n",
    '',
  ],
]);
