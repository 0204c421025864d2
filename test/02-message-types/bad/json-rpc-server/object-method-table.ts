/** Bug: keeps handlers in a plain object, so "toString" or "constructor" find Object.prototype members instead of Method not found. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('object-method-table');
