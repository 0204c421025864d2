/**
 * Bug: ends the session's server on DELETE but keeps the session id valid, so later requests are
 * not told 404.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    this.#sessions.delete(sessionId);\n    session.end();\n    res.writeHead(200).end();', '    session.end();\n    res.writeHead(200).end();'],
]);
