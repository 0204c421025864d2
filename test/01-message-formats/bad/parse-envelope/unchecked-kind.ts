/**
 * Bug: casts `kind` to MessageKind without checking it against the list, so an unknown kind
 * falls through the switch and returns undefined instead of throwing.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['const kind = oneOf(root.kind, \'kind\', MESSAGE_KINDS);', 'const kind = root.kind as MessageKind;'],
]);
