/** Bug: derives the id from the number of pending requests, so ids are reused and a response can settle the wrong request. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const id = this.#nextId++;', '    const id = this.#pending.size + 1;'],
]);
