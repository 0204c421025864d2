/** Bug: sends `result: undefined` when a handler returns nothing; JSON.stringify drops it and the response has no result member. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('drops-undefined-result');
