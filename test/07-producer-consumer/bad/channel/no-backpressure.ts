/** Bug: send never waits: when the buffer is full it appends anyway, so a fast producer grows the buffer past its capacity. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/07-producer-consumer/channel.ts');

export const { Channel, ChannelClosedError } = await mutant<Module>(
  '07-producer-consumer/channel',
  [
    ['    if (this.#buffer.length < this.#capacity) {\n      this.#buffer.push(value);\n      return Promise.resolve();\n    }\n    return new Promise((resolve, reject) => this.#senders.push({ value, resolve, reject }));', '    this.#buffer.push(value);\n    return Promise.resolve();'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
