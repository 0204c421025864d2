/**
 * Bug: an open circuit still calls the service, so callers keep waiting on timeouts and the failing
 * service gets no rest.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/circuit-breaker.ts');

export const { CircuitBreaker, CircuitOpenError } = await mutant<Module>('09-flow-control/circuit-breaker', [
  ["    if (state === 'open') throw new CircuitOpenError(this.#retryAt, this.#retryAt - this.#now());\n", ''],
]);
