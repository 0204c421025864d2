/**
 * Bug: the window check uses `>` instead of `>=`, so sequence number `next + window` is accepted.
 * In a ring of `window` slots it lands in the slot that `next` itself maps to: the buffer holds
 * one message more than its bound, and one slot stands for two sequence numbers.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/03-message-ordering/reorder-buffer.ts');

export const { ReorderBuffer, WindowExceededError } = await mutant<Module>('03-message-ordering/reorder-buffer', [
  ['if (seq >= this.#next + this.#window) throw', 'if (seq > this.#next + this.#window) throw'],
]);
