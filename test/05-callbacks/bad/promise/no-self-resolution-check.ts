/**
 * Bug: no check for resolving a promise with itself: it waits on itself forever instead of
 * rejecting with a TypeError.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['  #resolveWith(value: unknown): void {\n    if (value === this) {\n      this.#settle(\'rejected\', new TypeError(\'A promise cannot be resolved with itself\'));\n      return;\n    }\n    if (value !== null && (typeof value === \'object\' || typeof value === \'function\')) {', '  #resolveWith(value: unknown): void {\n    if (value !== null && (typeof value === \'object\' || typeof value === \'function\')) {'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
