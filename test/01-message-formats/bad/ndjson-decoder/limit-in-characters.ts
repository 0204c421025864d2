/**
 * Bug: measures the line limit with `string.length` (UTF-16 code units) instead of UTF-8 bytes,
 * so a line of accented or CJK text may be twice or three times the limit in bytes.
 */
import { edits } from '../../../support/mutant.ts';

export default edits(
  [
    ['    this.#bytes += Buffer.byteLength(part);', '    this.#bytes += part.length;'],
    [
      '    if (overflow || Buffer.byteLength(text) > this.#limit) {',
      '    if (overflow || text.length > this.#limit) {',
    ],
  ],
  { base: 'test/01-message-formats/bad/compact-ndjson-decoder.ts' },
);
