/**
 * Bug: aborts the upstream's signal but keeps reading from it, trusting it to stop by itself; an
 * upstream that ignores the signal goes on generating for nobody.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        if (signal.aborted) break;\n        this.#append', '        this.#append'],
  ['        if (signal.aborted) break;\n      }', '      }'],
]);
