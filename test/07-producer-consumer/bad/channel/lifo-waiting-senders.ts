/** Bug: waiting senders are resumed newest first (pop instead of shift), so they are not served in arrival order. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/channel.ts');

export const { Channel, ChannelClosedError } = await mutant<Module>(
  '07-producer-consumer/channel',
  [
    ['      const sender = this.#senders.shift();', '      const sender = this.#senders.pop();'],
    ['    }\n    const sender = this.#senders.shift();\n    if (sender) {', '    }\n    const sender = this.#senders.pop();\n    if (sender) {'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
