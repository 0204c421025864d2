/**
 * Bug: callbackify passes the rejection reason as it is, so a promise rejected with `null` (or
 * `0`, `''`, `undefined`) calls back with a falsy error, which reads as success.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'callback.call(this, reason ? reason : new FalsyRejectionError(reason))',
    'callback.call(this, reason)',
  ],
]);
