/**
 * Bug: results are handed out walking the callers from the newest, so each caller gets someone
 * else's answer.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['        entries.forEach((entry, i) => {', '        [...entries].reverse().forEach((entry, i) => {'],
]);
