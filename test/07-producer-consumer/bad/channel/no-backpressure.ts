/** Bug: send never waits: when the buffer is full it appends anyway, so a fast producer grows the buffer past its capacity. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    if (this.#buffer.length < this.#capacity) {\n      this.#buffer.push(value);\n      return Promise.resolve();\n    }\n    return new Promise((resolve, reject) => this.#senders.push({ value, resolve, reject }));', '    this.#buffer.push(value);\n    return Promise.resolve();'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
