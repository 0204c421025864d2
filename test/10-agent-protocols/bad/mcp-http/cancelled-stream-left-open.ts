/**
 * Bug: never ends the response of a request that finished without an answer, so a cancelled call's
 * event stream stays open forever.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      this.#exchanges.delete(request.id);\n      exchange.finish();', '      this.#exchanges.delete(request.id);'],
]);
