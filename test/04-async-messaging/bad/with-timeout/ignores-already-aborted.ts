/** Bug: only listens for a future "abort" event, so a signal that is already aborted is never noticed and the call times out instead. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '  if (signal?.aborted) {\n    abandon(promise);\n    return Promise.reject(abortReason(signal));\n  }\n',
    '',
  ],
]);
