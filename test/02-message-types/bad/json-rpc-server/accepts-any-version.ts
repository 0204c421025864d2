/** Bug: never checks `jsonrpc`, so "1.0", 2.0 (a number) or a missing version are served as JSON-RPC 2.0. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('accepts-any-version');
