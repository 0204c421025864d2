/**
 * Bug: GCRA moves the TAT on refused requests too, so a client that keeps retrying pushes its
 * own next slot further away and never gets in.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const until = allowed ? newTat : tat;', '    const until = spend ? newTat : allowed ? newTat : tat;'],
  ['    if (allowed && spend) {\n      if (until > now) this.#tats.set(key, until, node);', '    if (spend) {\n      if (until > now) this.#tats.set(key, until, node);'],
]);
