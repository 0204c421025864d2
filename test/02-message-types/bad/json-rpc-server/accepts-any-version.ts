/** Bug: never checks `jsonrpc`, so "1.0", 2.0 (a number) or a missing version are served as JSON-RPC 2.0. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["if (message.jsonrpc !== '2.0' || typeof message.method", 'if (typeof message.method'],
]);
