/** Bug: treats an array inside a batch as a nested batch and runs it, instead of answering that member Invalid Request. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'parsed.map((member) => this.#answer(member))',
    'parsed.map((member) => (Array.isArray(member) ? this.handle(JSON.stringify(member)) : this.#answer(member)))',
  ],
]);
