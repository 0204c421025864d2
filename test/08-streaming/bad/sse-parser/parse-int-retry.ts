/**
 * Bug: reads `retry` with parseInt, which accepts "3000ms", "1e3" (as 1) and "-5": the standard
 * ignores any value that is not all ASCII digits.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'if (/^[0-9]+$/.test(value)) this.#retry = Number(value);',
    'if (!Number.isNaN(Number.parseInt(value, 10))) this.#retry = Number.parseInt(value, 10);',
  ],
]);
