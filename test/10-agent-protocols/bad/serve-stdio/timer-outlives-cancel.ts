/**
 * Bug: a cancel rejects the wait but leaves its timer running, so every cancelled count keeps a
 * timer alive until it fires.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['      clearTimeout(timer);\n      reject(signal.reason);\n', '      reject(signal.reason);\n']]);
