/**
 * Bug: the window is never rolled: it counts every call since the circuit closed, so after a long
 * healthy spell a real outage never reaches the threshold.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '    if (this.#outcomes[this.#next]) this.#failures--;\n    this.#outcomes[this.#next] = failed;\n    this.#next = (this.#next + 1) % this.#windowSize;\n',
    '    this.#outcomes.push(failed);\n',
  ],
]);
