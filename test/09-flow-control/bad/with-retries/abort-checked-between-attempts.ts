/**
 * Bug: abort is only noticed before the next attempt: a caller who gives up waits out the whole
 * backoff (up to maxDelayMs) first.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    function onAbort(): void {\n      fail(signal!.reason);\n    }', '    function onAbort(): void {\n      if (waitTimer === undefined) fail(signal!.reason);\n    }'],
  ['      waitTimer = undefined;\n      let streaming = false;', '      waitTimer = undefined;\n      if (signal?.aborted) return fail(signal.reason);\n      let streaming = false;'],
]);
