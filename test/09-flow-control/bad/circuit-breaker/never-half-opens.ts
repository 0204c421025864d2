/**
 * Bug: once open, the circuit stays open forever: the service recovers but nothing ever calls it
 * again.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/circuit-breaker.ts');

export const { CircuitBreaker, CircuitOpenError } = await mutant<Module>('09-flow-control/circuit-breaker', [
  ["    if (this.#state === 'open' && this.#now() >= this.#retryAt) this.#enter('half-open');\n", ''],
]);
