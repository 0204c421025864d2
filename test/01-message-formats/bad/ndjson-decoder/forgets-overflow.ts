/**
 * Bug: drops the buffered bytes when a line outgrows the limit but does not remember that the
 * line is still going: the tail of the long line is later parsed as a line of its own, and the
 * overflow is never reported.
 */
import { edits } from '../../../support/mutant.ts';

export default edits(
  [
    ['      this.#overflow = true;', ''],
  ],
  { base: 'test/01-message-formats/bad/compact-ndjson-decoder.ts' },
);
