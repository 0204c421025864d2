/**
 * Bug: a result array of the wrong length is not detected: the callers past its end get undefined
 * as their result.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/micro-batcher.ts');

export const { MicroBatcher, BatcherClosedError, BatchLengthError } = await mutant<Module>('09-flow-control/micro-batcher', [
  ['if (!Array.isArray(results) || results.length !== entries.length) {', 'if (!Array.isArray(results)) {'],
]);
