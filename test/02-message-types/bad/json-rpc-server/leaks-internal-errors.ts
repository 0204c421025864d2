/** Bug: copies the message and stack of an internal error into error.data, leaking server internals to the client (and to no log). */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '        this.#report(error, method);\n        response = errorResponse(id, INTERNAL_ERROR);\n      }',
    '        const { message: text, stack } = error as Error;\n        response = errorResponse(id, { ...INTERNAL_ERROR, data: { message: text, stack } });\n      }',
  ],
]);
