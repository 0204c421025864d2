/**
 * Bug: `finally` fulfils with the callback's return value, so the value of the original promise
 * is lost (`p.finally(cleanup).then(use)` receives cleanup's result).
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      (value) => MyPromise.resolve(onFinally()).then(() => value),', '      () => MyPromise.resolve(onFinally()) as MyPromise<T>,'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
