/**
 * Bug: does not cancel the body when the loop ends early, so the connection (and the model's
 * generation behind it) lives on after the consumer has stopped listening.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['    await reader.cancel().catch(() => undefined);', '    reader.releaseLock();']]);
