/** Bug: waiting receivers share one wake-up and all read the newest value, so one value is delivered to two receivers. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['  #receivers: Array<(r: IteratorResult<T, undefined>) => void> = [];\n  #closed = false;', '  #receivers: Array<(r: IteratorResult<T, undefined>) => void> = [];\n  // Broadcast: every waiting receiver is woken with the value that woke them.\n  #closed = false;'],
    ['    const receiver = this.#receivers.shift();\n    if (receiver) {\n      receiver({ done: false, value });', '    if (this.#receivers.length > 0) {\n      for (const receiver of this.#receivers.splice(0)) receiver({ done: false, value });'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
