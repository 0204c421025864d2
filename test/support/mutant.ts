/**
 * Known-bad implementations written as small edits of a correct file, so each file shows the
 * mistake itself (a one-line diff) instead of a copy of 200 lines, and follows the reference as
 * it evolves. A known-bad file is only its `Bug:` comment and its edits:
 *
 * @example
 * // test/06-message-queues/bad/ack-queue/dead-letter-off-by-one.ts
 * /** Bug: dead-letters only after maxAttempts + 1 deliveries. *\/
 * import { edits } from '../../../support/mutant.ts';
 *
 * export default edits([
 *   ['if (record.attempts >= this.#maxAttempts)', 'if (record.attempts > this.#maxAttempts)'],
 * ]);
 *
 * The `@workbook/` alias (core/workbook-target.ts) reads the file without running it, applies the
 * edits to the exercise's reference solution (or to `base`, a compact correct version that several
 * known-bad files share) and serves the result in place of the exercise. Each `find` must occur
 * exactly once in the text as edited so far; when the reference changes so that it no longer does,
 * loading fails and names the edit, so a known-bad file can never silently become correct.
 */
import type { Edit, MutantSpec } from '../../core/mutant.ts';

export type { Edit };

/** The spec of a known-bad implementation; `options.base` is relative to the repository root. */
export function edits(list: readonly Edit[], options: { base?: string } = {}): MutantSpec {
  return { edits: list, ...options };
}
