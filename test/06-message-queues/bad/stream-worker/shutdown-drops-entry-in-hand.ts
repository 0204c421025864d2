/**
 * Bug: run() returns as soon as the signal aborts, without waiting for the entry in hand: its
 * handler finishes after run() resolved, so a process that exits then never acknowledges it,
 * and the finished work is done again after the visibility timeout.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'while (!signal?.aborted) await this.#round(signal, this.#block);',
    "while (!signal?.aborted) await Promise.race([this.#round(signal, this.#block), new Promise((resolve) => signal?.addEventListener('abort', resolve))]);",
  ],
]);
