/** Bug: close empties the buffer, so values sent before close are lost instead of delivered. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    this.#closed = true;\n    for (const sender of this.#senders.splice(0)) sender.reject(new ChannelClosedError());', '    this.#closed = true;\n    this.#buffer = []; // "closed means nothing more to read"\n    for (const sender of this.#senders.splice(0)) sender.reject(new ChannelClosedError());'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
