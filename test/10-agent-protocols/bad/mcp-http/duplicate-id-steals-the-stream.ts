/**
 * Bug: lets a request reuse the id of one still open in the session: the McpServer's refusal goes
 * to the first request's stream, which then loses its own answer.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#exchanges.has(request.id)) return reply(res, 400, `Invalid Request: id ${JSON.stringify(request.id)} is still open in this session`);\n', ''],
  ['      this.#exchanges.delete(request.id);\n', '      if (this.#exchanges.get(request.id) === exchange) this.#exchanges.delete(request.id);\n'],
]);
