/**
 * Bug: the window is never rolled: it counts every call since the circuit closed, so after a long
 * healthy spell a real outage never reaches the threshold.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/circuit-breaker.ts');

export const { CircuitBreaker, CircuitOpenError } = await mutant<Module>('09-flow-control/circuit-breaker', [
  ['    if (this.#outcomes.length < this.#windowSize) {', '    if (true) {'],
]);
