/**
 * Bug: the injected clock is ignored and `Date.now` is read instead, so a caller that controls
 * time (a test in virtual time, a replay) cannot make ids expire.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['this.#now = now;', 'this.#now = Date.now;'],
]);
