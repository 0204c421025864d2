/**
 * Bug: lets the network error of a broken connection escape as it is (undici's "TypeError:
 * terminated"), so callers cannot tell a cut stream from a bug in their own code.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([["        throw new IncompleteStreamError('The connection broke before the stream was complete', { cause: error });", '        throw error;']]);
