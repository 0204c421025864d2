/**
 * Bug: sends progress notifications even when the request carried no progressToken.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        if (token === undefined || finished || controller.signal.aborted || this.#closed) return;', '        if (finished || controller.signal.aborted || this.#closed) return;'],
]);
