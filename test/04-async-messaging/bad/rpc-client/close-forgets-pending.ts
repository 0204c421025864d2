/** Bug: stops accepting requests when the transport closes but leaves the pending ones waiting forever. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    for (const [id, entry] of [...this.#pending]) {\n      this.#settle(id);\n      entry.reject(new TransportClosedError(`${why} before ${entry.method} (id ${id}) got a response`, { cause }));\n    }', '    void cause;'],
]);
