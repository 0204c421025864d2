/**
 * Bug: a ring buffer that grows by copying the backing array as it is (slot i to slot i), so
 * after a wrap-around the oldest messages are no longer at `head`: order breaks once it grows.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['next[i] = old[(this.#head + i) & this.#mask];', 'next[i] = old[i];'],
  ['    this.#head = 0;\n    this.#tail = old.length;', '    this.#tail = (this.#head + old.length) & (next.length - 1);'],
]);
