/**
 * Bug: uses the caller's stamp object as the header (adding the type to it), so reusing a stamp
 * rewrites the header of a message already sent.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['return { header: { id: stamp.id, type, sentAt: stamp.sentAt }, body };', 'return { header: Object.assign(stamp, { type }), body };'],
]);
