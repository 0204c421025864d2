/**
 * Bug: never looks at Origin, so any web page can drive the local server through DNS rebinding.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (origin !== undefined && !this.#allowedOrigins.has(origin)) return reply(res, 403, `Forbidden: Origin ${origin} is not allowed`);\n', ''],
]);
