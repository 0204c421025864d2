/**
 * Bug: lets JSON.parse throw out of push: one malformed line aborts the whole batch, and
 * the messages after it in the same chunk are lost.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/ndjson-decoder.ts');

export const { NdjsonDecoder } = await mutant<Module>('01-message-formats/ndjson-decoder', [
  ['    try {\n', ''],
  ['    } catch (error) {\n      events.push({ kind: \'invalid-json\', line, text, reason: (error as Error).message });\n    }\n', ''],
]);
