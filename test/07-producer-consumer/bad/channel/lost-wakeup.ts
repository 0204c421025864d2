/** Bug: one slot for a waiting receiver: a second receiver overwrites the first one's wake-up, so the first waits forever (a lost wake-up). */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['  #receivers: Array<(r: IteratorResult<T, undefined>) => void> = [];', '  #receiver: ((r: IteratorResult<T, undefined>) => void) | undefined;'],
    ['    const receiver = this.#receivers.shift();', '    const receiver = this.#receiver;'],
    ['    if (receiver) {\n      receiver({ done: false, value });', '    if (receiver) {\n      this.#receiver = undefined;\n      receiver({ done: false, value });'],
    ['    return new Promise((resolve) => this.#receivers.push(resolve));', '    return new Promise((resolve) => {\n      this.#receiver = resolve;\n    });'],
    ['    for (const receiver of this.#receivers.splice(0)) receiver({ done: true, value: undefined });', '    this.#receiver?.({ done: true, value: undefined });\n    this.#receiver = undefined;'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
