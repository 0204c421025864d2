/**
 * Bug: promisify creates the promise first and calls the original outside the executor, so a
 * synchronous throw escapes from the call instead of rejecting the promise.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '    return new Promise((resolve, reject) => {\n      original.call(this, ...args, (error: unknown, ...results: unknown[]) => {',
    '    let resolve!: (value: unknown) => void;\n    let reject!: (reason: unknown) => void;\n    const promise = new Promise((res, rej) => {\n      resolve = res;\n      reject = rej;\n    });\n    {\n      original.call(this, ...args, (error: unknown, ...results: unknown[]) => {',
  ],
  ['        else resolve(multiArgs ? results : results[0]);\n      });\n    });', '        else resolve(multiArgs ? results : results[0]);\n      });\n    }\n    return promise;'],
]);
