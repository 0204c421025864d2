/**
 * Bug: serves tools/list and tools/call before initialize has negotiated anything.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (this.#protocolVersion === undefined) {\n      return this.#fail(id, ErrorCode.ServerNotInitialized, \'Server not initialized: send initialize first\');\n    }\n', ''],
]);
