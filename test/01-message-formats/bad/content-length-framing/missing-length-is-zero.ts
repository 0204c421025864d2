/**
 * Bug: treats a header without Content-Length as an empty message instead of an error, so
 * the body that follows is misread as the next header.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (length === undefined) throw new FrameError(\'the header part has no Content-Length field\');\n    return length;', '    return length ?? 0;'],
]);
