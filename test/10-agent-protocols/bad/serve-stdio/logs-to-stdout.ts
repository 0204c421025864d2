/**
 * Bug: writes its "ready" log line with console.log, to stdout, where the client reads it as a
 * message that is not JSON.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    log.write(`serve-stdio: MCP server ready on stdio (protocol ${LATEST_PROTOCOL_VERSION}); logs go to stderr\\n`);', '    console.log(`serve-stdio: MCP server ready on stdio (protocol ${LATEST_PROTOCOL_VERSION})`);'],
]);
