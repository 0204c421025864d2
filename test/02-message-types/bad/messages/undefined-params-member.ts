/** Bug: builders set `params: undefined` instead of leaving the member out. */
import { flawedMessages } from '../flawed-messages.ts';

export const { ErrorCode, request, notification, success, failure, classify } = flawedMessages('undefined-params-member');
