/**
 * Bug: lets JSON.parse throw out of push: one malformed line aborts the whole batch, and
 * the messages after it in the same chunk are lost.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    try {\n', ''],
  ['    } catch (error) {\n      events.push({ kind: \'invalid-json\', line, text, reason: (error as Error).message });\n    }\n', ''],
]);
