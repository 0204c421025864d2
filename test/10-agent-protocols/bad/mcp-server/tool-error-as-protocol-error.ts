/**
 * Bug: reports a tool that threw as a JSON-RPC Internal Error instead of a result with isError:
 * true, so the model never sees what went wrong.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      outcome = { result: toolError(error instanceof Error ? error.message : String(error)) };', '      outcome = { internal: error instanceof Error ? error.message : String(error) };'],
]);
