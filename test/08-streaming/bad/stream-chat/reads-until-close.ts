/**
 * Bug: ignores the terminator and reads until the server closes the connection, so a server
 * that keeps it open (keep-alive, a proxy) hangs the client forever, and a stream cut mid-event
 * passes for a complete one.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        if (text === DONE) return;', '        if (text === DONE) continue;'],
  [
    "    parser.end();\n    throw new IncompleteStreamError('The stream ended before its terminator ([DONE] or message_stop): the answer is cut off');",
    '    parser.end();',
  ],
]);
