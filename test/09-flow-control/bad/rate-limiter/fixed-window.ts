/**
 * Bug: the token bucket is replaced by a fixed-window counter (capacity per window of
 * capacity / refillPerSecond seconds): a full burst just before a window ends and another just after
 * it let twice the capacity through within milliseconds.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    return Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) * this.#rate) / 1000);', '    const windowMs = (this.#capacity / this.#rate) * 1000;\n    return Math.floor(now / windowMs) === Math.floor(bucket.at / windowMs) ? bucket.tokens : this.#capacity;'],
]);
