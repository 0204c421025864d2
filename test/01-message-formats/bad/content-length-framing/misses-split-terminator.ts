/**
 * Bug: resumes the search for `\r\n\r\n` exactly where the previous search stopped, so a
 * terminator that straddles two chunks (`...\r\n\r` then `\n{...`) is never found.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/content-length-framing.ts');

export const { FrameDecoder, FrameError, encodeFrame } = await mutant<Module>('01-message-formats/content-length-framing', [
  ['    const from = Math.max(this.#start, this.#scan - 3);', '    const from = Math.max(this.#start, this.#scan);'],
]);
