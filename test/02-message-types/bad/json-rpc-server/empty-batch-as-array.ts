/** Bug: treats `[]` as an empty batch and answers `[]`, instead of one Invalid Request object. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('empty-batch-as-array');
