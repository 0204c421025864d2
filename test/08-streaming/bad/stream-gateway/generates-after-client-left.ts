/**
 * Bug: never cancels the generation when its last client disconnects, so the model keeps
 * producing (and the gateway keeps paying for) tokens nobody will read.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "    if (this.#readers.size === 0 && !this.finished) {\n      // Nobody is listening: stop the generation instead of paying for tokens nobody reads. A\n      // client that resumes later learns from the log why the stream stopped.\n      this.#end('error', { message: 'The generation was cancelled: every client had disconnected' });\n      this.#controller.abort();\n    }\n",
    '',
  ],
]);
