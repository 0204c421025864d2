/** Bug: leaving a for await loop early closes the channel, so one consumer that stops reading shuts every producer and every other consumer out. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      return: () => Promise.resolve(DONE),', '      return: () => {\n        this.close();\n        return Promise.resolve(DONE);\n      },'],
]);
