/**
 * Bug: ignores the false that `res.write()` returns when the socket is full, so a client that
 * reads slowly makes the gateway hold the whole generation in memory.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['      if (!ok) this.#waitingForDrain = true;\n', '      void ok;\n']]);
