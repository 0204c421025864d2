/** Bug: never checks params, so a string, a number or null reaches the handler instead of an Invalid Request error. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('params-unchecked');
