/**
 * Bug: once open, the circuit stays open forever: the service recovers but nothing ever calls it
 * again.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["    if (this.#state === 'open' && this.#now() >= this.#retryAt) this.#enter('half-open');\n", ''],
]);
