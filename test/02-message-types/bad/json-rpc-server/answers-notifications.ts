/** Bug: replies to notifications (with id null), though the specification says a server MUST NOT reply to one. */
import { flawedServer } from '../flawed-json-rpc-server.ts';

export const { JsonRpcServer, JsonRpcError } = flawedServer('answers-notifications');
