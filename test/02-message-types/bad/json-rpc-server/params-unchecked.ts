/** Bug: never checks params, so a string, a number or null reaches the handler instead of an Invalid Request error. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "const paramsAreValid = !Object.hasOwn(message, 'params') || (typeof message.params === 'object' && message.params !== null);",
    'const paramsAreValid = true;',
  ],
]);
