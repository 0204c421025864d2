/** Bug: never clears the timer of a request that got its response, so timers pile up and fire later for finished requests. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/04-async-messaging/rpc-client.ts');

export const { RpcClient, RpcError, RpcTimeoutError, TransportClosedError } = await mutant<Module>('04-async-messaging/rpc-client', [
  ["    this.#pending.delete(id);\n    if (entry.timer !== undefined) clearTimeout(entry.timer);\n    entry.signal?.removeEventListener('abort', entry.onAbort);", "    this.#pending.delete(id);\n    entry.signal?.removeEventListener('abort', entry.onAbort);"],
]);
