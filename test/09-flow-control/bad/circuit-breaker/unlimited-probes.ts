/**
 * Bug: half-open lets every call through, so the recovering service gets the full load at once and
 * falls over again.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      if (this.#probes >= this.#maxProbes) throw new CircuitOpenError(this.#now(), 0);\n', ''],
]);
