/**
 * Bug: a clock reading earlier than the last one is used as is: the token bucket refills a negative
 * amount and GCRA tells a waiting client to wait the extra time.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['this.#latest = Math.max(this.#latest, this.read());', 'this.#latest = this.read();'],
]);
