/** Bug: the abort listener added for a running task is never removed when the task settles: a signal shared by many runs collects one listener per run, and keeps every finished task reachable. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["      .finally(() => {\n        signal?.removeEventListener('abort', onAbort);\n", '      .finally(() => {\n'],
]);
