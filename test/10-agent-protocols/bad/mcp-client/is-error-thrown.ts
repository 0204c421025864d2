/**
 * Bug: throws a tool result with isError: true as if it were a protocol error, hiding the tool's
 * answer from the model.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (!Array.isArray(result.content)) throw new McpProtocolError(-32603, `tools/call ${name} returned no content array`);', '    if (!Array.isArray(result.content)) throw new McpProtocolError(-32603, `tools/call ${name} returned no content array`);\n    if (result.isError) throw new McpProtocolError(-32603, String((result.content as { text?: string }[])[0]?.text));'],
]);
