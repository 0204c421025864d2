/**
 * Bug: refuses ping before initialize, though a ping is allowed at any time.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (method === \'ping\') return this.#reply(id, {});', '    if (method === \'ping\' && this.#protocolVersion !== undefined) return this.#reply(id, {});'],
]);
