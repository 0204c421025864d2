/**
 * Bug: casts `kind` to MessageKind without checking it against the list, so an unknown kind
 * falls through the switch and returns undefined instead of throwing.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/parse-envelope.ts');

export const { ENVELOPE_VERSION, EnvelopeError, MESSAGE_KINDS, parseEnvelope } = await mutant<Module>('01-message-formats/parse-envelope', [
  ['const kind = oneOf(root.kind, \'kind\', MESSAGE_KINDS);', 'const kind = root.kind as MessageKind;'],
]);
