/**
 * Bug: half-open lets every call through, so the recovering service gets the full load at once and
 * falls over again.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/circuit-breaker.ts');

export const { CircuitBreaker, CircuitOpenError } = await mutant<Module>('09-flow-control/circuit-breaker', [
  ['      if (this.#probes >= this.#maxProbes) throw new CircuitOpenError(this.#now(), 0);\n', ''],
]);
