/**
 * Bug: never answers requests from the server, so the server's ping waits forever.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      if (isId) this.#answerServerRequest(id as RequestId, message.method);', '      if (isId) return;'],
]);
