/**
 * Bug: never reclaims. An entry left pending by a worker that crashed stays in that worker's
 * pending list forever: never handled again, never dead-lettered.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['const reclaimed = await this.#reclaim();', 'const reclaimed: StreamEntry[] = [];'],
]);
