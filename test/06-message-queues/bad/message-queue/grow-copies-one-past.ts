/**
 * Bug: growing the buffer copies one slot too many. The copy loop runs to `<= old.length`, so the
 * oldest message is also written into the first free slot of the new buffer, where it stays
 * reachable after it is dequeued until the next enqueue overwrites it: a leak that no ordering
 * test sees.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['for (let i = 0; i < old.length; i++)', 'for (let i = 0; i <= old.length; i++)']]);
