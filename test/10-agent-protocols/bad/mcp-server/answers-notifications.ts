/**
 * Bug: treats a notification as a request and answers it with an empty result and a null id; the
 * receiver of a notification must never reply.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      if (id === undefined) this.#notification(m.method, params);', '      if (id === undefined) {\n        this.#notification(m.method, params);\n        this.#options.send({ jsonrpc: \'2.0\', id: null, result: {} } as never, undefined);\n      }'],
]);
