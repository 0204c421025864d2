/** Bug: capacity 0 is treated as capacity 1, so an "unbuffered" send completes before any receiver has taken the value. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/channel.ts');

export const { Channel, ChannelClosedError } = await mutant<Module>(
  '07-producer-consumer/channel',
  [
    ['    this.#capacity = capacity;', '    this.#capacity = Math.max(capacity, 1);'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
