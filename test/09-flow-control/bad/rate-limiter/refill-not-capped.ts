/**
 * Bug: the token bucket refills without a ceiling, so an hour of idling banks an hour of tokens
 * and lets a giant burst through.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['return Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) * this.#rate) / 1000);', 'return bucket.tokens + ((now - bucket.at) * this.#rate) / 1000;'],
]);
