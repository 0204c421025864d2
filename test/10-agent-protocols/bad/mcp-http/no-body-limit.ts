/**
 * Bug: reads a body of any size, so one client can make the server buffer gigabytes.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const body = await readBody(req, this.#maxBodyBytes);', '    const body = await readBody(req, Number.POSITIVE_INFINITY);'],
]);
