/** Bug: decides "notification" with `!message.id`, so requests with id 0, "" or null are never answered. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('falsy-id-is-notification');
