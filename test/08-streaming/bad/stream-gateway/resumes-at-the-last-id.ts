/**
 * Bug: resumes at the event named by Last-Event-ID instead of after it, so the client receives
 * that event (and its text) twice.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['    stream.attach(new Reader(res, stream, seq + 1, heartbeatMs));', '    stream.attach(new Reader(res, stream, Math.max(seq, 1), heartbeatMs));']]);
