/**
 * Bug: searches the rest of the chunk for both kinds of line break at every line. A chunk whose
 * lines end with LF alone is searched to its end for a CR once per line: O(n²) per chunk.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["if (lf !== -1 && lf < start) lf = text.indexOf('\\n', start);", "lf = text.indexOf('\\n', start);"],
  ["if (cr !== -1 && cr < start) cr = text.indexOf('\\r', start);", "cr = text.indexOf('\\r', start);"],
]);
