/**
 * Bug: readEnvelope trusts its input: `envelope.header.type` throws a TypeError on null or on an
 * object without a header, instead of an EnvelopeError the receiver can handle.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['const header = isObject(envelope) ? envelope.header : undefined;', 'const header = (envelope as Envelope<T>).header;'],
  [
    "  if (!isObject(header) || typeof header.type !== 'string') {\n    throw new EnvelopeError(`Expected an envelope with a header, got ${describe(envelope)}`);\n  }\n",
    '',
  ],
]);
