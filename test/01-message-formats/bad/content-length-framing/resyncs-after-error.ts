/**
 * Bug: after a bad header it throws once, discards what it had buffered and carries on as if
 * the next bytes began a frame. Content-Length framing has no marker to resynchronise on, so the
 * decoder must stay failed.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '  push(chunk: Uint8Array): string[] {\n    if (this.#failure) throw this.#failure;',
    '  push(chunk: Uint8Array): string[] {',
  ],
  [
    '      if (error instanceof FrameError) this.#failure = error;',
    '      this.#start = this.#end;\n      this.#scan = this.#end;\n      this.#bodyLength = -1;',
  ],
  ['    if (this.#failure) throw this.#failure;', ''],
]);
