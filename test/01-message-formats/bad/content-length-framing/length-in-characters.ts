/**
 * Bug: writes `body.length` (UTF-16 code units) as the Content-Length. It is right for ASCII
 * and wrong as soon as the body holds é or an emoji: the receiver then cuts the frame short.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/content-length-framing.ts');

export const { FrameDecoder, FrameError, encodeFrame } = await mutant<Module>('01-message-formats/content-length-framing', [
  ['  const header = encoder.encode(`Content-Length: ${content.length}\\r\\n\\r\\n`);', '  const header = encoder.encode(`Content-Length: ${body.length}\\r\\n\\r\\n`);'],
]);
