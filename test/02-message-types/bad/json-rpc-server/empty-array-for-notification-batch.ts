/** Bug: answers a batch of notifications only with `[]`; the specification says to return nothing at all. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('empty-array-for-notification-batch');
