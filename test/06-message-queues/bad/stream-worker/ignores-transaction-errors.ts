/**
 * Bug: does not look at the replies of the dead-letter transaction. EXEC succeeds even when the
 * XADD inside it fails (a dead-letter key holding another type), so an entry Redis never stored
 * in the dead-letter stream is reported as dead-lettered.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['const replies = await this.#redis\n      .multi()', 'await this.#redis\n      .multi()'],
  ['    const failure = replies!.find(([error]) => error)?.[0];\n    if (failure) throw failure;\n', ''],
]);
