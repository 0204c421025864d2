/** Bug: receive treats an empty buffer as the end of the stream, like the textbook `while not queue.empty()` consumer: a consumer that runs before the producer quits early. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['  #senders: Array<{ value: T; resolve: () => void; reject: (e: Error) => void }> = [];\n  #receivers: Array<(r: IteratorResult<T, undefined>) => void> = [];\n  #closed = false;', '  #senders: Array<{ value: T; resolve: () => void; reject: (e: Error) => void }> = [];\n  #closed = false;'],
    ['    if (this.#closed) return Promise.reject(new ChannelClosedError());\n    const receiver = this.#receivers.shift();\n    if (receiver) {\n      receiver({ done: false, value });\n      return Promise.resolve();\n    }\n    if (this.#buffer.length < this.#capacity) {', '    if (this.#closed) return Promise.reject(new ChannelClosedError());\n    if (this.#buffer.length < this.#capacity) {'],
    ['  receive(): Promise<IteratorResult<T, undefined>> {', '  async receive(): Promise<IteratorResult<T, undefined>> {\n    // "Consume while the queue is not empty": nothing waits for a value that has not arrived yet.'],
    ['      return Promise.resolve({ done: false, value });', '      return { done: false, value };'],
    ['      return Promise.resolve({ done: false, value: sender.value });', '      return { done: false, value: sender.value };'],
    ['    if (this.#closed) return Promise.resolve({ done: true, value: undefined });\n    return new Promise((resolve) => this.#receivers.push(resolve));', '    return { done: true, value: undefined };'],
    ['    for (const sender of this.#senders.splice(0)) sender.reject(new ChannelClosedError());\n    for (const receiver of this.#receivers.splice(0)) receiver({ done: true, value: undefined });\n  }', '    for (const sender of this.#senders.splice(0)) sender.reject(new ChannelClosedError());\n  }'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
