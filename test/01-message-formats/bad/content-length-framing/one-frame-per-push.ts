/**
 * Bug: returns after the first complete frame (an `if` where a loop belongs): when one chunk
 * holds several frames, the others wait for a later push that may never come.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        this.#bodyLength = -1;', '        this.#bodyLength = -1;\n        break;'],
]);
