/** Bug: tests `if (message.result)`, so a success whose result is null, 0, false or "" is not recognised. */
import { flawedMessages } from '../flawed-messages.ts';

export const { ErrorCode, request, notification, success, failure, classify } = flawedMessages('truthy-result');
