/** Bug: decides "notification" with `message.id == null`, so a request with id null is never answered. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('null-id-is-notification');
