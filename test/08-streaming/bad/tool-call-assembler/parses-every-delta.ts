/**
 * Bug: joins and parses the arguments again on every fragment, to have a parsed preview as early
 * as possible. The result is right, but a call of n fragments costs O(n²).
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '        if (fragment.function?.arguments) call.fragments.push(fragment.function.arguments);',
    '        if (fragment.function?.arguments) call.fragments.push(fragment.function.arguments);\n        try {\n          JSON.parse(call.fragments.join(\'\'));\n        } catch {\n          // not complete yet\n        }',
  ],
]);
