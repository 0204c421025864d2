/**
 * Bug: treats a header without Content-Length as an empty message instead of an error, so
 * the body that follows is misread as the next header.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/content-length-framing.ts');

export const { FrameDecoder, FrameError, encodeFrame } = await mutant<Module>('01-message-formats/content-length-framing', [
  ['    if (length === undefined) throw new FrameError(\'the header part has no Content-Length field\');\n    return length;', '    return length ?? 0;'],
]);
