/**
 * Bug: treats any error other than `null` as a failure (`error !== null`), so a callback called
 * as `callback()` or `callback(undefined, value)`, a success in Node.js, rejects.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['if (error) reject(error);', 'if (error !== null) reject(error);'],
]);
