/**
 * Bug: an outcome leaving the rolling window does not take its failure with it, so old failures
 * add up and the circuit opens on a healthy service.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/circuit-breaker.ts');

export const { CircuitBreaker, CircuitOpenError } = await mutant<Module>('09-flow-control/circuit-breaker', [
  ['      if (this.#outcomes[this.#next]) this.#failures--;\n', ''],
]);
