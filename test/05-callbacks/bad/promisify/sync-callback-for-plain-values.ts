/**
 * Bug: callbackify calls the callback synchronously when the original returns a plain value
 * instead of a promise: sometimes sync, sometimes async (releasing Zalgo).
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '    new Promise<R>((resolve) => resolve(fn.apply(this, args as unknown as A))).then(',
    '    const result = fn.apply(this, args as unknown as A);\n    if (!(result instanceof Promise)) {\n      callback.call(this, null, result as R);\n      return;\n    }\n    result.then(',
  ],
]);
