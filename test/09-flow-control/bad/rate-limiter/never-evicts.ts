/**
 * Bug: keys are never dropped, so memory grows with every key ever seen: a scan from a million
 * IP addresses leaves a million entries behind.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    while (this.#oldest && idle(this.#oldest.state, now)) this.delete(this.#oldest.key);\n', ''],
]);
