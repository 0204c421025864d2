/**
 * Bug: counts down: count_slowly reports progress to-1, to-2, …, which decreases, where MCP
 * requires it to increase.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        reportProgress(step, total, `step ${step} of ${total}`);', '        reportProgress(total - step, total, `step ${step} of ${total}`);'],
]);
