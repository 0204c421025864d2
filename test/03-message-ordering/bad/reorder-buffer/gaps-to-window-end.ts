/**
 * Bug: `gaps` lists every free slot up to the end of the window instead of stopping at the
 * highest buffered message, so the receiver asks the sender to retransmit messages it has not
 * even sent yet.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/03-message-ordering/reorder-buffer.ts');

export const { ReorderBuffer, WindowExceededError } = await mutant<Module>('03-message-ordering/reorder-buffer', [
  ['for (let seq = this.#next; seq < this.#highest; seq++)', 'for (let seq = this.#next; seq < this.#next + this.#window; seq++)'],
]);
