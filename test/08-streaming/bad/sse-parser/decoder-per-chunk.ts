/**
 * Bug: decodes each chunk with a fresh TextDecoder, so a multi-byte character cut between two
 * chunks turns into two U+FFFD replacement characters (and a U+FEFF starting a chunk is dropped).
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['return this.#decoder.decode(chunk, { stream: true });', 'return new TextDecoder().decode(chunk);']]);
