/** Bug: awaits batch members one after another, so one slow call delays every call behind it; the contract asks for concurrency. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('sequential-batch');
