/**
 * Bug: a probe that ends after another probe closed the circuit still counts, so its late failure
 * reopens a circuit that had already recovered.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["      if (generation === this.#generation) this.#record(state, this.#isFailure(error) ? 'failure' : 'ignored');", "      this.#record(state, this.#isFailure(error) ? 'failure' : 'ignored');"],
  ["    if (generation === this.#generation) this.#record(state, 'success');", "    this.#record(state, 'success');"],
]);
