/**
 * Bug: the dead-letter entry records a generic reason instead of the handler's error, so the
 * on-call engineer cannot see why the entry died.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['await this.#deadLetter(entry, error instanceof Error ? error.message : String(error), entry.deliveries);', "await this.#deadLetter(entry, 'too many deliveries', entry.deliveries);"],
]);
