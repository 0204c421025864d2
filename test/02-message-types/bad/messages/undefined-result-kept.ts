/** Bug: success(id, undefined) keeps `result: undefined`, which JSON.stringify drops: the response has no result on the wire. */
import { flawedMessages } from '../flawed-messages.ts';

export const { ErrorCode, request, notification, success, failure, classify } = flawedMessages('undefined-result-kept');
