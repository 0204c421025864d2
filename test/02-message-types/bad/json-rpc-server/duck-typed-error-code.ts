/** Bug: takes any thrown error with a `code` property for a JSON-RPC error, so a Node ENOENT error goes out with its code and file path. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '      if (error instanceof JsonRpcError) {\n',
    "      if (error instanceof JsonRpcError || (typeof error === 'object' && error !== null && 'code' in error)) {\n",
  ],
  [
    'const { code, message: text, data } = error;',
    'const { code, message: text, data } = error as JsonRpcError;',
  ],
]);
