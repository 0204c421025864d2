/** Bug: decides "notification" with `id != null`, so a request with id null is classified as a notification. */
import { flawedMessages } from '../flawed-messages.ts';

export const { ErrorCode, request, notification, success, failure, classify } = flawedMessages('null-id-is-notification');
