/** Bug: never removes the abort listener of a settled request, so a long-lived signal collects one listener per request. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["    if (entry.timer !== undefined) clearTimeout(entry.timer);\n    entry.signal?.removeEventListener('abort', entry.onAbort);\n    return entry;", '    if (entry.timer !== undefined) clearTimeout(entry.timer);\n    return entry;'],
]);
