/**
 * Bug: an Error result is handed to its caller as a value instead of rejecting it.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/micro-batcher.ts');

export const { MicroBatcher, BatcherClosedError, BatchLengthError } = await mutant<Module>('09-flow-control/micro-batcher', [
  ['            if (result instanceof Error) entry.reject(result);\n            else entry.resolve(result);', '            entry.resolve(result as O);'],
]);
