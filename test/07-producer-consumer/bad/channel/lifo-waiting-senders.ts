/** Bug: waiting senders are resumed newest first (pop instead of shift), so they are not served in arrival order. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      const sender = this.#senders.shift();', '      const sender = this.#senders.pop();'],
    ['    }\n    const sender = this.#senders.shift();\n    if (sender) {', '    }\n    const sender = this.#senders.pop();\n    if (sender) {'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-channel.ts' },
);
