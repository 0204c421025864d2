/**
 * Bug: reads any 200 response as an event stream, so a JSON answer (streaming was not enabled,
 * or a proxy answered) yields nothing and ends as if the stream had been cut.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([["  if (!/^text\\/event-stream\\s*(;|$)/i.test(type) || !response.body) {", '  if (!response.body) {']]);
