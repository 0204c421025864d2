/**
 * Bug: no "already resolved" guard: a second `resolve` or `reject` overwrites the state and value
 * of a promise that has already settled.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    const resolve = (value: unknown): void => {\n      if (done) return;\n      done = true;', '    const resolve = (value: unknown): void => {\n      done = true;'],
    ['    const reject = (reason: unknown): void => {\n      if (done) return;\n      done = true;', '    const reject = (reason: unknown): void => {\n      done = true;'],
    ['  #settle(state: \'fulfilled\' | \'rejected\', result: unknown): void {\n    if (this.#state !== \'pending\') return;\n    this.#state = state;', '  #settle(state: \'fulfilled\' | \'rejected\', result: unknown): void {\n    this.#state = state;'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
