/** Bug: replies to notifications (with id null), though the specification says a server MUST NOT reply to one. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'if (handler === undefined) return isNotification ? undefined : JSON.stringify(errorResponse(id, METHOD_NOT_FOUND));',
    'if (handler === undefined) return JSON.stringify(errorResponse(id, METHOD_NOT_FOUND));',
  ],
  [
    '    if (isNotification) return undefined;\n',
    '',
  ],
]);
