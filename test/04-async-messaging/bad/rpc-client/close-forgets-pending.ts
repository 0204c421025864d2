/** Bug: stops accepting requests when the transport closes but leaves the pending ones waiting forever. */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/04-async-messaging/rpc-client.ts');

export const { RpcClient, RpcError, RpcTimeoutError, TransportClosedError } = await mutant<Module>('04-async-messaging/rpc-client', [
  ['    for (const [id, entry] of [...this.#pending]) {\n      this.#settle(id);\n      entry.reject(new TransportClosedError(`${why} before ${entry.method} (id ${id}) got a response`, { cause }));\n    }', '    void cause;'],
]);
