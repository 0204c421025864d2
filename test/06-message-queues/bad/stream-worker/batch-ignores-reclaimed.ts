/**
 * Bug: reads `batchSize` new entries on top of the reclaimed ones, so a round can take up to
 * twice `batchSize` entries and hold them all pending at once.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['const room = this.#batchSize - reclaimed.length;', 'const room = this.#batchSize;'],
]);
