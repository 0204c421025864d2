/**
 * Bug: answers a request for an unknown session with 400 instead of 404, so the client never
 * learns that it must start a new session.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (!session) return reply(res, 404, \'Not Found: unknown or ended session\');\n    const version', '    if (!session) return reply(res, 400, \'Bad Request: unknown session\');\n    const version'],
]);
