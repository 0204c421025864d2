/** Bug: a consumer stops only when its own handler throws: after another consumer has failed, it keeps taking the items still buffered in the channel. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    for await (const item of channel) {\n      if (failure) return;\n', '    for await (const item of channel) {\n'],
]);
