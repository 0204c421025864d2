/**
 * Bug: tests the optional field by truthiness (`if (body.maxTokens)`), so `maxTokens: 0` and
 * `maxTokens: null` slip through unchecked.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/parse-envelope.ts');

export const { ENVELOPE_VERSION, EnvelopeError, MESSAGE_KINDS, parseEnvelope } = await mutant<Module>('01-message-formats/parse-envelope', [
  ['if (body.maxTokens !== undefined) result.maxTokens', 'if (body.maxTokens) result.maxTokens'],
]);
