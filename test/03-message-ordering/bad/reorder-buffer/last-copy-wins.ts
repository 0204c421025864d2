/**
 * Bug: no duplicate check before storing an early message. A second copy overwrites the first,
 * is reported as buffered rather than as a duplicate, and is counted twice in `size`.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/03-message-ordering/reorder-buffer.ts');

export const { ReorderBuffer, WindowExceededError } = await mutant<Module>('03-message-ordering/reorder-buffer', [
  ["      if (this.#present[slot]) return { kind: 'duplicate' };\n", ''],
]);
