/**
 * Bug: ignores every error of XGROUP CREATE, not only BUSYGROUP (the group already exists). A
 * round whose group creation failed is never retried: every later round fails with NOGROUP.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["if ((error as Error).message.startsWith('BUSYGROUP')) return; // another worker made it", 'return; // the group is probably there already'],
]);
