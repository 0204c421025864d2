/**
 * Bug: acknowledges a failed entry too (an ack in both paths, as if in a finally block), so a
 * transient failure drops the request instead of retrying it.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['result.failed.push(entry.id); // not acked', 'await this.#redis.xack(this.#stream, this.#group, entry.id);\n        result.failed.push(entry.id); // acked'],
]);
