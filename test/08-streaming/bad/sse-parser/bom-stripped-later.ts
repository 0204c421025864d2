/**
 * Bug: the streaming decoder is left to strip a byte order mark itself, and it strips one at the
 * start of the first chunk it sees, which need not be the start of the stream: a U+FEFF that is
 * data goes missing.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });",
    "  readonly #decoder = new TextDecoder('utf-8');",
  ],
]);
