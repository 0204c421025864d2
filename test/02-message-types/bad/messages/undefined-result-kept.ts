/** Bug: success(id, undefined) keeps `result: undefined`, which JSON.stringify drops: the response has no result on the wire. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "return { jsonrpc: '2.0', id, result: result === undefined ? null : result };",
    "return { jsonrpc: '2.0', id, result };",
  ],
]);
