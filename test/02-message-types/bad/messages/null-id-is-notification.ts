/** Bug: decides "notification" with `id != null`, so a request with id null is classified as a notification. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["  const hasId = Object.hasOwn(message, 'id');", '  const hasId = message.id != null;'],
]);
