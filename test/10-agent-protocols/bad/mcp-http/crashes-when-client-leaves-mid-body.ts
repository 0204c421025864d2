/**
 * Bug: leaves the rejection of a request whose client went away in the middle of its body
 * unhandled, which crashes a Node.js process by default.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['return void this.#post(req, res).catch(() => res.destroy());', 'return void this.#post(req, res);'],
]);
