/**
 * Bug: `finally` fulfils with the callback's return value, so the value of the original promise
 * is lost (`p.finally(cleanup).then(use)` receives cleanup's result).
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/05-callbacks/promise.ts');

export const { MyPromise } = await mutant<Module>(
  '05-callbacks/promise',
  [
    ['      (value) => MyPromise.resolve(onFinally()).then(() => value),', '      () => MyPromise.resolve(onFinally()) as MyPromise<T>,'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
