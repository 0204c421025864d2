/**
 * Bug: opens only when the failure rate is above the threshold, not when it reaches it.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/circuit-breaker.ts');

export const { CircuitBreaker, CircuitOpenError } = await mutant<Module>('09-flow-control/circuit-breaker', [
  ['this.#failures / calls >= this.#threshold', 'this.#failures / calls > this.#threshold'],
]);
