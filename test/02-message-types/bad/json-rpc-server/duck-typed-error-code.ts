/** Bug: takes any thrown error with a `code` property for a JSON-RPC error, so a Node ENOENT error goes out with its code and file path. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('duck-typed-error-code');
