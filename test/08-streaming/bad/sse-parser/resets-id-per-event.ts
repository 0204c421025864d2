/**
 * Bug: forgets the last event ID after each event, so an event without an `id` field reports an
 * empty ID, and a client reconnecting after it would ask for the whole stream again.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([["    this.#type = '';\n    if (data === undefined) return;", "    this.#type = '';\n    this.#idBuffer = '';\n    if (data === undefined) return;"]]);
