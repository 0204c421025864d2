/**
 * Bug: writes array indexes like property names (`body.messages.2.role`) instead of
 * `body.messages[2].role`, so the error path does not match the documented shape.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/parse-envelope.ts');

export const { ENVELOPE_VERSION, EnvelopeError, MESSAGE_KINDS, parseEnvelope } = await mutant<Module>('01-message-formats/parse-envelope', [
  ['const path = `body.messages[${i}]`;', 'const path = `body.messages.${i}`;'],
]);
