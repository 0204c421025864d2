/** Bug: correct behaviour, but the buffer and the waiting queues are arrays drained with Array#shift, which moves every remaining element: with many waiting senders each receive costs O(n). */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/channel.ts');

export const { Channel, ChannelClosedError } = await mutant<Module>(
  '07-producer-consumer/channel',
  [],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
