/**
 * Bug: reports an abort that the caller asked for as a broken stream, so code that retries
 * broken streams retries a request the user cancelled.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['        if (signal?.aborted) throw signal.reason;\n', '']]);
