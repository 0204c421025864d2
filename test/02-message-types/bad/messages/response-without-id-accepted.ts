/** Bug: accepts a response without an id member, which the client can never match to its request. */
import { flawedMessages } from '../flawed-messages.ts';

export const { ErrorCode, request, notification, success, failure, classify } = flawedMessages('response-without-id-accepted');
