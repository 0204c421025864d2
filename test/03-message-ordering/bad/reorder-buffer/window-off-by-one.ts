/**
 * Bug: the window check uses `>` instead of `>=`, so sequence number `next + window` is accepted.
 * In a ring of `window` slots it lands in the slot that `next` itself maps to: the buffer holds
 * one message more than its bound, and one slot stands for two sequence numbers.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (seq >= this.#next + this.#window) throw', 'if (seq > this.#next + this.#window) throw'],
]);
