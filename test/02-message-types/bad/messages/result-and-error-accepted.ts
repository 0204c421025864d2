/** Bug: checks result first and never looks for error, so a response carrying both is accepted as a success. */
import { flawedMessages } from '../flawed-messages.ts';

export const { ErrorCode, request, notification, success, failure, classify } = flawedMessages('result-and-error-accepted');
