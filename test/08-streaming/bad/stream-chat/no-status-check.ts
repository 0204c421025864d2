/**
 * Bug: never looks at the status, so a 429 with its Retry-After is reported as a protocol
 * problem (or worse, read as a stream), and the caller cannot back off properly.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['  if (!response.ok) {', '  if (response.status >= 600) {']]);
