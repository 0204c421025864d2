/**
 * Bug: checks integer fields with `typeof value === 'number'` only: a token index of -1 or
 * a timestamp of 1.5 is accepted.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/parse-envelope.ts');

export const { ENVELOPE_VERSION, EnvelopeError, MESSAGE_KINDS, parseEnvelope } = await mutant<Module>('01-message-formats/parse-envelope', [
  ['if (!Number.isSafeInteger(value) || value < min) throw', 'if (Number.isNaN(value)) throw'],
]);
