/**
 * Bug: when full, it forgets the most recently seen id instead of the oldest, so the ids most
 * likely to be redelivered soon are the ones it loses.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/03-message-ordering/deduplicator.ts');

export const { Deduplicator } = await mutant<Module>('03-message-ordering/deduplicator', [
  ['this.#remove(this.#oldest!);', 'this.#remove(this.#newest!);'],
]);
