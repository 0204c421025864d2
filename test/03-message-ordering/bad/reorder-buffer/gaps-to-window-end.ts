/**
 * Bug: `gaps` lists every free slot up to the end of the window instead of stopping at the
 * highest buffered message, so the receiver asks the sender to retransmit messages it has not
 * even sent yet.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['for (let seq = this.#next; seq < this.#highest; seq++)', 'for (let seq = this.#next; seq < this.#next + this.#window; seq++)'],
]);
