/**
 * Bug: results are handed out walking the callers from the newest, so each caller gets someone
 * else's answer.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/09-flow-control/micro-batcher.ts');

export const { MicroBatcher, BatcherClosedError, BatchLengthError } = await mutant<Module>('09-flow-control/micro-batcher', [
  ['          entries.forEach((entry, i) => {', '          [...entries].reverse().forEach((entry, i) => {'],
]);
