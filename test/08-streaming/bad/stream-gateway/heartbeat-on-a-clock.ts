/**
 * Bug: sends the heartbeat every heartbeatMs from the start, whether or not events were written
 * meanwhile, instead of after heartbeatMs of silence.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['      this.next++;\n      this.#armHeartbeat();\n', '      this.next++;\n']]);
