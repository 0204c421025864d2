/**
 * Bug: an open circuit still calls the service, so callers keep waiting on timeouts and the failing
 * service gets no rest.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["    if (state === 'open') throw new CircuitOpenError(this.#retryAt, this.#retryAt - this.#now());\n", ''],
]);
