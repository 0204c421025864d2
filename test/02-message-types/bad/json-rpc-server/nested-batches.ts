/** Bug: treats an array inside a batch as a nested batch and runs it, instead of answering that member Invalid Request. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('nested-batches');
