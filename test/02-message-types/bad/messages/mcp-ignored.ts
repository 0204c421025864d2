/** Bug: ignores the mcp option, so null ids and positional params pass where MCP forbids them. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '    if (options.mcp) {\n      if (hasId && !(typeof message.id === \'string\' || Number.isInteger(message.id))) {\n        return invalid(expected(\'id\', \'a string or an integer in MCP\', message.id), echo);\n      }\n      if (Object.hasOwn(message, \'params\') && Array.isArray(message.params)) {\n        return invalid(expected(\'params\', \'an object in MCP\', message.params), echo);\n      }\n    }\n',
    '',
  ],
]);
