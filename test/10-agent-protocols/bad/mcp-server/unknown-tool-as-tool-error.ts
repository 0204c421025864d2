/**
 * Bug: reports an unknown tool as a tool execution error (isError: true) instead of a protocol
 * error: the request itself was wrong.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (!tool) return this.#fail(id, ErrorCode.InvalidParams, `Unknown tool: ${name}`);', '    if (!tool) return this.#reply(id, { ...toolError(`Unknown tool: ${name}`) });'],
]);
