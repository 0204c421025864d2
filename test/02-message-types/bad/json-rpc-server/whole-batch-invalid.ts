/** Bug: rejects the whole batch with one error when one member is invalid, instead of answering each member. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '    const answers = await Promise.all(',
    "    if (parsed.some((m) => typeof m !== 'object' || m === null || (m as { jsonrpc?: unknown }).jsonrpc !== '2.0')) {\n      return JSON.stringify(errorResponse(null, INVALID_REQUEST));\n    }\n    const answers = await Promise.all(",
  ],
]);
