/**
 * Bug: header names are compared as written, so `Retry-After` and `X-Should-Retry` from a real
 * response are never found.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['map.set(name.toLowerCase(), String(value).trim())', 'map.set(name, String(value).trim())'],
]);
