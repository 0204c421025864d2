/**
 * Bug: never forgets an ended stream, so every generation's replay buffer stays in memory for
 * good, whatever keepFinished says.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['    while (ended.length > keepFinished) streams.delete(ended.shift()!);\n', '']]);
