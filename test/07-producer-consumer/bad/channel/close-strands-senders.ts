/** Bug: close forgets the senders waiting for room: they are not rejected with ChannelClosedError, and their values are still delivered after close. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    this.#closed = true;\n    for (const sender of this.#senders.splice(0)) sender.reject(new ChannelClosedError());\n    for (const receiver of this.#receivers.splice(0)) receiver({ done: true, value: undefined });', '    this.#closed = true;\n    for (const receiver of this.#receivers.splice(0)) receiver({ done: true, value: undefined });'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
