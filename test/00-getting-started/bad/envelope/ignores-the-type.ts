/** Bug: readEnvelope checks the shape but never compares the type, so a response is read as a request. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '  if (header.type !== expectedType) {\n    throw new EnvelopeError(`Expected a ${JSON.stringify(expectedType)} message, got ${JSON.stringify(header.type)}`);\n  }\n',
    '',
  ],
]);
