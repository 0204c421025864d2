/**
 * Bug: acknowledges each entry before calling its handler. A worker that dies mid-handler
 * has already acked: the entry is lost (at-most-once delivery), and a failure is never retried.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    await this.#redis.xack(this.#stream, this.#group, entry.id);\n    result.acked.push', '    result.acked.push'],
  ['    try {\n      await this.#handler(entry);', '    await this.#redis.xack(this.#stream, this.#group, entry.id);\n    try {\n      await this.#handler(entry);'],
]);
