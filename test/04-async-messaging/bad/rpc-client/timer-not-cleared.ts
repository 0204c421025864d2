/** Bug: never clears the timer of a request that got its response, so timers pile up and fire later for finished requests. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ["    this.#pending.delete(id);\n    if (entry.timer !== undefined) clearTimeout(entry.timer);\n    entry.signal?.removeEventListener('abort', entry.onAbort);", "    this.#pending.delete(id);\n    entry.signal?.removeEventListener('abort', entry.onAbort);"],
]);
