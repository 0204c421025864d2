/**
 * Bug: when the resume point is older than the replay buffer, resumes from the oldest event it
 * still has, so the client's text silently loses the events in between.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (seq + 1 < stream.firstKept) {', '    if (seq + 1 < 0) {'],
  ['    stream.attach(new Reader(res, stream, seq + 1, heartbeatMs));', '    stream.attach(new Reader(res, stream, Math.max(seq + 1, stream.firstKept), heartbeatMs));'],
]);
