/** Bug: builders set `params: undefined` instead of leaving the member out. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "return params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };",
    "return { jsonrpc: '2.0', id, method, params } as JsonRpcRequest;",
  ],
  [
    "return params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };",
    "return { jsonrpc: '2.0', method, params } as JsonRpcNotification;",
  ],
]);
