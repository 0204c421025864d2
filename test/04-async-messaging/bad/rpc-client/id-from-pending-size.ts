/** Bug: derives the id from the number of pending requests, so ids are reused and a response can settle the wrong request. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/04-async-messaging/rpc-client.ts');

export const { RpcClient, RpcError, RpcTimeoutError, TransportClosedError } = await mutant<Module>('04-async-messaging/rpc-client', [
  ['    const id = this.#nextId++;', '    const id = this.#pending.size + 1;'],
]);
