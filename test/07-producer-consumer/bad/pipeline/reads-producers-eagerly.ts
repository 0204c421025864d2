/** Bug: no backpressure: every producer is read to the end into an array before anything is sent, so memory grows with the whole input, not with the capacity. */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      for await (const item of source) {', '      const items: T[] = [];\n      for await (const item of source) items.push(item);\n      for (const item of items) {'],
  ],
  { base: 'test/07-producer-consumer/bad/compact-pipeline.ts' },
);
