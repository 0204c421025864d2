/** Bug: correct behaviour, but the buffer and the waiting queues are arrays drained with Array#shift, which moves every remaining element: with many waiting senders each receive costs O(n). */
import { edits } from '../../../support/mutant.ts';

export default edits([], { base: 'test/07-producer-consumer/bad/compact-channel.ts' });
