/**
 * Bug: reads only the first page of tools/list and ignores nextCursor.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      cursor = typeof page.nextCursor === \'string\' ? page.nextCursor : undefined;', '      cursor = undefined;'],
]);
