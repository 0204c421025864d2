/**
 * Bug: decodes every Uint8Array chunk with a fresh TextDecoder and no `stream: true`, so a
 * multi-byte character cut between two chunks turns into two U+FFFD replacement characters.
 */
import { edits } from '../../../support/mutant.ts';

export default edits(
  [
    [
      "    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });",
      "    const text = typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);",
    ],
  ],
  { base: 'test/01-message-formats/bad/compact-ndjson-decoder.ts' },
);
