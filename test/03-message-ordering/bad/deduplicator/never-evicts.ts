/** Bug: nothing is forgotten to make room: `capacity` is ignored and the memory only grows. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/03-message-ordering/deduplicator.ts');

export const { Deduplicator } = await mutant<Module>('03-message-ordering/deduplicator', [
  ['    if (this.#entries.size === this.#capacity) this.#remove(this.#oldest!);\n', ''],
]);
