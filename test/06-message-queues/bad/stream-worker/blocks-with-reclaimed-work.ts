/**
 * Bug: run() always waits inside XREADGROUP … BLOCK, even when the round has reclaimed entries
 * to handle, so recovered work sits idle for up to `block` ms behind new work that may never come.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['this.#readNew(room, reclaimed.length === 0 ? block : undefined)', 'this.#readNew(room, block)'],
]);
