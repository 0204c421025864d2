/** Bug: cleans up with promise.finally(cleanup) and drops the result, a new promise that rejects unhandled whenever the original rejects. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '    promise.then(\n      (value) => {\n        cleanup();\n        resolve(value);\n      },\n      (reason: unknown) => {\n        cleanup();\n        reject(reason);\n      },\n    );',
    '    void promise.finally(cleanup);\n    promise.then(resolve, reject);',
  ],
]);
