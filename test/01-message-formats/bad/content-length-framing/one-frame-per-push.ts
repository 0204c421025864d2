/**
 * Bug: returns after the first complete frame (an `if` where a loop belongs): when one chunk
 * holds several frames, the others wait for a later push that may never come.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/content-length-framing.ts');

export const { FrameDecoder, FrameError, encodeFrame } = await mutant<Module>('01-message-formats/content-length-framing', [
  ['        this.#bodyLength = -1;', '        this.#bodyLength = -1;\n        break;'],
]);
