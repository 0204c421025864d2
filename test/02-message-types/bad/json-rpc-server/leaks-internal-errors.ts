/** Bug: copies the message and stack of an internal error into error.data, leaking server internals to the client. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('leaks-internal-errors');
