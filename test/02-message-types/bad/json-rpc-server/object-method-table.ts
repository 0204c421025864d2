/** Bug: keeps handlers in a plain object, so "toString" or "constructor" find Object.prototype members instead of Method not found. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '#handlers = new Map<string, JsonRpcHandler>();',
    '#handlers: Record<string, JsonRpcHandler> = {};',
  ],
  ['this.#handlers.set(method, handler);', 'this.#handlers[method] = handler;'],
  ['const handler = this.#handlers.get(method);', 'const handler = this.#handlers[method];'],
]);
