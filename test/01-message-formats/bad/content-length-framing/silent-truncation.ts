/**
 * Bug: end() never checks for a half-received frame, so a stream cut in the middle of a
 * message looks like a clean shutdown.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/content-length-framing.ts');

export const { FrameDecoder, FrameError, encodeFrame } = await mutant<Module>('01-message-formats/content-length-framing', [
  ['    if (this.#end > this.#start) {', '    if (this.#end < this.#start) {'],
]);
