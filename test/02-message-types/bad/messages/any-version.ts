/** Bug: never checks `jsonrpc`, so a JSON-RPC 1.0 message or one without a version is accepted. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '  if (message.jsonrpc !== \'2.0\') return invalid(expected(\'jsonrpc\', \'exactly "2.0"\', message.jsonrpc), echo);\n',
    '',
  ],
]);
