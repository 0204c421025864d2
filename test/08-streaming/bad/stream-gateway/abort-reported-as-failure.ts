/**
 * Bug: reports the AbortError an upstream throws when its signal aborts as an upstream failure,
 * so the log of a cancelled stream ends with a second error after the cancellation.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['      if (!signal.aborted) this.#end(\'error\', { message: `The upstream failed:', '      this.#end(\'error\', { message: `The upstream failed:']]);
