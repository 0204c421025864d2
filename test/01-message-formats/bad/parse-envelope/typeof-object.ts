/**
 * Bug: trusts `typeof value === 'object'`, which is also true for null and for arrays:
 * a null body crashes with a TypeError and an array header is accepted as an object.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/parse-envelope.ts');

export const { ENVELOPE_VERSION, EnvelopeError, MESSAGE_KINDS, parseEnvelope } = await mutant<Module>('01-message-formats/parse-envelope', [
  ['if (typeof value !== \'object\' || value === null || Array.isArray(value)) {', 'if (typeof value !== \'object\') {'],
]);
