/**
 * Bug: end() returns nothing, so a last line without a trailing newline is silently lost.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/ndjson-decoder.ts');

export const { NdjsonDecoder } = await mutant<Module>('01-message-formats/ndjson-decoder', [
  ['    if (this.#pending > 0 || this.#overflow) this.#finishLine(events);\n', ''],
]);
