/**
 * Bug: end() never checks for a half-received frame, so a stream cut in the middle of a
 * message looks like a clean shutdown.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#end > this.#start) {', '    if (this.#end < this.#start) {'],
]);
