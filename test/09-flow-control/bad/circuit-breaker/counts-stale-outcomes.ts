/**
 * Bug: a probe that ends after another probe closed the circuit still counts, so its late failure
 * reopens a circuit that had already recovered.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/circuit-breaker.ts');

export const { CircuitBreaker, CircuitOpenError } = await mutant<Module>('09-flow-control/circuit-breaker', [
  ["      if (generation === this.#generation) this.#record(state, this.#isFailure(error) ? 'failure' : 'ignored');", "      this.#record(state, this.#isFailure(error) ? 'failure' : 'ignored');"],
  ["    if (generation === this.#generation) this.#record(state, 'success');", "    this.#record(state, 'success');"],
]);
