/** Bug: tests `if (message.result)`, so a success whose result is null, 0, false or "" is not recognised. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "const hasResult = Object.hasOwn(message, 'result');",
    'const hasResult = Boolean(message.result);',
  ],
]);
