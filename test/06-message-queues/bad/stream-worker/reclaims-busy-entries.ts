/**
 * Bug: reclaims with a minimum idle time of 0, so it steals entries that live workers are
 * still handling, and the same entry is handled twice at once.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['this.#visibilityTimeout, this.#claimCursor', '0, this.#claimCursor'],
]);
