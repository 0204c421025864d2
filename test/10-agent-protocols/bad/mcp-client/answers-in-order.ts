/**
 * Bug: matches each response to the oldest waiting request instead of by id, so out-of-order
 * answers settle the wrong calls.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const pending = this.#pending.get(id as RequestId);\n    if (!pending) return; // a late answer to a request that was cancelled or timed out\n    this.#settle(id as RequestId);', '    const [first, pending] = [...this.#pending][0] ?? [];\n    if (!pending) return;\n    this.#settle(first!);'],
]);
