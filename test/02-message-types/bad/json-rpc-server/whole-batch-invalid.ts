/** Bug: rejects the whole batch with one error when one member is invalid, instead of answering each member. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('whole-batch-invalid');
