/**
 * Bug: plain exponential backoff without jitter: every client that failed at the same moment
 * comes back at the same moment, and the retry storm repeats at each step.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['return { retry: true, delayMs: Math.floor(random() * ceiling) };', 'return { retry: true, delayMs: Math.floor(ceiling) };'],
]);
