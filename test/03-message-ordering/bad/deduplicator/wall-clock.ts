/**
 * Bug: the injected clock is ignored and `Date.now` is read instead, so a caller that controls
 * time (a test in virtual time, a replay) cannot make ids expire.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/03-message-ordering/deduplicator.ts');

export const { Deduplicator } = await mutant<Module>('03-message-ordering/deduplicator', [
  ['this.#now = now;', 'this.#now = Date.now;'],
]);
