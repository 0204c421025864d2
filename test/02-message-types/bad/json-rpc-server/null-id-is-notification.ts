/** Bug: decides "notification" with `message.id == null`, so a request with id null is never answered. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "const isNotification = !Object.hasOwn(message, 'id');",
    'const isNotification = message.id == null;',
  ],
]);
