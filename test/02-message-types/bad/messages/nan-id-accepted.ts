/** Bug: accepts any number as an id, so NaN or Infinity goes out as null: a different id, and the response matches nothing. */
import { flawedMessages } from '../flawed-messages.ts';

export const { ErrorCode, request, notification, success, failure, classify } = flawedMessages('nan-id-accepted');
