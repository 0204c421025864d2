/**
 * Bug: receive hands out the message but leaves it at the front of the ready queue, so every
 * receiver gets the same message.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const record = this.#takeReady();', '    const record = this.#readyHead < this.#ready.length ? this.#ready[this.#readyHead] : undefined;'],
]);
