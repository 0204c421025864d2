/**
 * Bug: no "already resolved" guard: a second `resolve` or `reject` overwrites the state and value
 * of a promise that has already settled.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/05-callbacks/promise.ts');

export const { MyPromise } = await mutant<Module>(
  '05-callbacks/promise',
  [
    ['    const resolve = (value: unknown): void => {\n      if (done) return;\n      done = true;', '    const resolve = (value: unknown): void => {\n      done = true;'],
    ['    const reject = (reason: unknown): void => {\n      if (done) return;\n      done = true;', '    const reject = (reason: unknown): void => {\n      done = true;'],
    ['  #settle(state: \'fulfilled\' | \'rejected\', result: unknown): void {\n    if (this.#state !== \'pending\') return;\n    this.#state = state;', '  #settle(state: \'fulfilled\' | \'rejected\', result: unknown): void {\n    this.#state = state;'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
