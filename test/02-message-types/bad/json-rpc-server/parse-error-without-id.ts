/** Bug: leaves the id member out of the parse-error response; it must be present and null. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('parse-error-without-id');
