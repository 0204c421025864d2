/** Bug: never checks `jsonrpc`, so a JSON-RPC 1.0 message or one without a version is accepted. */
import { flawedMessages } from '../flawed-messages.ts';

export const { ErrorCode, request, notification, success, failure, classify } = flawedMessages('any-version');
