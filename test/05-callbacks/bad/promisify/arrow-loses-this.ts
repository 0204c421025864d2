/**
 * Bug: the wrappers call the original as a plain function (`original(...args)`), so a method
 * loses its object: `this` is undefined inside it.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['original.call(this, ...args, (error', 'original(...args, (error'],
  [
    'new Promise<R>((resolve) => resolve(fn.apply(this, args as unknown as A))).then(',
    'new Promise<R>((resolve) => resolve((fn as (...all: unknown[]) => R)(...args))).then(',
  ],
  [
    '(value) => process.nextTick(() => callback.call(this, null, value)),',
    '(value) => process.nextTick(() => callback(null, value)),',
  ],
  [
    '(reason: unknown) => process.nextTick(() => callback.call(this, reason ? reason : new FalsyRejectionError(reason))),',
    '(reason: unknown) => process.nextTick(() => callback(reason ? reason : new FalsyRejectionError(reason))),',
  ],
]);
