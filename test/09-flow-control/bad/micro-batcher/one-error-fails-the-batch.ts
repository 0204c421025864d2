/**
 * Bug: one Error among the results rejects every caller of the batch.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/micro-batcher.ts');

export const { MicroBatcher, BatcherClosedError, BatchLengthError } = await mutant<Module>('09-flow-control/micro-batcher', [
  ['            if (result instanceof Error) entry.reject(result);', '            if (results.some((r) => r instanceof Error)) entry.reject(results.find((r) => r instanceof Error));'],
]);
