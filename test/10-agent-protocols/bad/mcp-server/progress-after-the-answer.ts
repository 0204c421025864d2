/**
 * Bug: keeps sending progress after the call has been answered.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        if (token === undefined || finished || controller.signal.aborted || this.#closed) return;', '        if (token === undefined || controller.signal.aborted || this.#closed) return;'],
]);
