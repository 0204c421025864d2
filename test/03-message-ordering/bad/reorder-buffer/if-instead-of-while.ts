/**
 * Bug: `if` instead of `while` after the expected message: only one buffered successor is
 * delivered with it. The rest of the run stays held although nothing is missing, and since those
 * messages have already arrived, nothing will ever release them.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/03-message-ordering/reorder-buffer.ts');

export const { ReorderBuffer, WindowExceededError } = await mutant<Module>('03-message-ordering/reorder-buffer', [
  ['while (this.#present[slot]) {', 'if (this.#present[slot]) {'],
]);
