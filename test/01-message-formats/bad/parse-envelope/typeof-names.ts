/**
 * Bug: names the type found with plain `typeof`, so null and arrays are reported as "got object"
 * and a missing field as "got undefined".
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/parse-envelope.ts');

export const { ENVELOPE_VERSION, EnvelopeError, MESSAGE_KINDS, parseEnvelope } = await mutant<Module>('01-message-formats/parse-envelope', [
  ['  if (value === undefined) return \'missing\';\n  if (value === null) return \'null\';\n  if (Array.isArray(value)) return \'array\';\n', ''],
]);
