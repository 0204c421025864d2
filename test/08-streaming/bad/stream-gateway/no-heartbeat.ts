/**
 * Bug: sends nothing while the model is thinking, so a proxy or a client with an idle timeout
 * closes a connection that is still working.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([["      if (!this.#waitingForDrain) this.#res.write(': heartbeat\\n');\n", '']]);
