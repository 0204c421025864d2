/**
 * Bug: rejects an aborted or timed-out request locally but never sends notifications/cancelled, so
 * the server works on for nothing.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        if (method !== \'initialize\') this.notify(\'notifications/cancelled\', { requestId: id, reason: why });\n', ''],
]);
