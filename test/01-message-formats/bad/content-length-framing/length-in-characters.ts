/**
 * Bug: writes `body.length` (UTF-16 code units) as the Content-Length. It is right for ASCII
 * and wrong as soon as the body holds é or an emoji: the receiver then cuts the frame short.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  const header = encoder.encode(`Content-Length: ${content.length}\\r\\n\\r\\n`);', '  const header = encoder.encode(`Content-Length: ${body.length}\\r\\n\\r\\n`);'],
]);
