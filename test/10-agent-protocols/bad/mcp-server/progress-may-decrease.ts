/**
 * Bug: accepts progress that does not increase; MCP requires every progress value to be greater
 * than the last.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        if (!Number.isFinite(progress) || progress <= lastProgress) {', '        if (!Number.isFinite(progress)) {'],
]);
