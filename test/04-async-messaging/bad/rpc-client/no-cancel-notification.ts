/** Bug: rejects a cancelled or timed-out request locally but never tells the server, so the server keeps working on it. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["    const params = reason === undefined ? { requestId: id } : { requestId: id, reason };\n    try {\n      this.#transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params });\n    } catch {\n      // Best effort: if the notification cannot be sent, the peer's late response is ignored anyway.\n    }", '    void reason;'],
]);
