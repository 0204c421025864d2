/**
 * Bug: writes array indexes like property names (`body.messages.2.role`) instead of
 * `body.messages[2].role`, so the error path does not match the documented shape.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['const path = `body.messages[${i}]`;', 'const path = `body.messages.${i}`;'],
]);
