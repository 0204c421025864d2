/**
 * Bug: forgets a cancelled request without aborting its signal: the handler runs to the end and
 * its answer is sent.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      controller.abort(typeof params.reason === \'string\' ? params.reason : \'cancelled by the client\');\n', ''],
]);
