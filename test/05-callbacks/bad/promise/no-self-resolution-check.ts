/**
 * Bug: no check for resolving a promise with itself: it waits on itself forever instead of
 * rejecting with a TypeError.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/05-callbacks/promise.ts');

export const { MyPromise } = await mutant<Module>(
  '05-callbacks/promise',
  [
    ['  #resolveWith(value: unknown): void {\n    if (value === this) {\n      this.#settle(\'rejected\', new TypeError(\'A promise cannot be resolved with itself\'));\n      return;\n    }\n    if (value !== null && (typeof value === \'object\' || typeof value === \'function\')) {', '  #resolveWith(value: unknown): void {\n    if (value !== null && (typeof value === \'object\' || typeof value === \'function\')) {'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
