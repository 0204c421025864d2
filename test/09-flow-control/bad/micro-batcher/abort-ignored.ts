/**
 * Bug: aborting a load does nothing: the item is still sent and paid for after its caller left.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/micro-batcher.ts');

export const { MicroBatcher, BatcherClosedError, BatchLengthError } = await mutant<Module>('09-flow-control/micro-batcher', [
  ['    const { signal } = entry;\n    if (signal) {', '    const signal = undefined as AbortSignal | undefined;\n    if (signal) {'],
]);
