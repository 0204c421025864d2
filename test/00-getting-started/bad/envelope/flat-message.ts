/** Bug: no envelope at all: the header fields and the body sit side by side in one flat object. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['return { header: { id: stamp.id, type, sentAt: stamp.sentAt }, body };', 'return { id: stamp.id, type, sentAt: stamp.sentAt, body } as unknown as Envelope<T>;'],
  ['const header = isObject(envelope) ? envelope.header : undefined;', 'const header = isObject(envelope) ? envelope : undefined;'],
]);
