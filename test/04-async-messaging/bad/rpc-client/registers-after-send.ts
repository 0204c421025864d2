/** Bug: adds the request to the pending map only after send() returns, so a response delivered during send() is dropped as unknown. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["      signal?.addEventListener('abort', entry.onAbort);\n      // Registered before sending: an in-process transport may deliver the response inside send().\n      this.#pending.set(id, entry);\n      const request: JsonRpcRequest = { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) };", "      signal?.addEventListener('abort', entry.onAbort);\n      const request: JsonRpcRequest = { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) };"],
  ['      }\n    });', '      }\n      this.#pending.set(id, entry);\n    });'],
]);
