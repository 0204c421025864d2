/** Bug: decides "notification" with `!message.id`, so requests with id 0, "" or null are never answered. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "const isNotification = !Object.hasOwn(message, 'id');",
    'const isNotification = !message.id;',
  ],
]);
