/**
 * Bug: an HTTP-date is measured against Date.now() instead of the injected now(), so the wait
 * depends on when the code runs.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  const time = now();\n', '  const time = Date.now();\n'],
]);
