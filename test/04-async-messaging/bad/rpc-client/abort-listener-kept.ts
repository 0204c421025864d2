/** Bug: never removes the abort listener of a settled request, so a long-lived signal collects one listener per request. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/04-async-messaging/rpc-client.ts');

export const { RpcClient, RpcError, RpcTimeoutError, TransportClosedError } = await mutant<Module>('04-async-messaging/rpc-client', [
  ["    if (entry.timer !== undefined) clearTimeout(entry.timer);\n    entry.signal?.removeEventListener('abort', entry.onAbort);\n    return entry;", '    if (entry.timer !== undefined) clearTimeout(entry.timer);\n    return entry;'],
]);
