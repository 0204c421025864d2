/** Bug: close discards the queued tasks: work that was accepted never runs, and its callers wait forever. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    this.#closed = true;\n    this.#idle ??= new Promise((resolve) => {', '    this.#closed = true;\n    for (const entry of this.#queue.splice(0)) {\n      entry.detach();\n      entry.cancelled = true;\n    }\n    this.#idle ??= new Promise((resolve) => {'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-worker-pool.ts' },
);
