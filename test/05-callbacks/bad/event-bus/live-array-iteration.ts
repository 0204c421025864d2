/**
 * Bug: emit walks the live listener array by index, so when a listener removes itself (or a once
 * listener is removed) the array shifts left and the next listener is skipped.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    for (const registration of list.slice()) {\n      if (registration.removed) continue;', '    for (let i = 0; i < list.length; i++) {\n      const registration = list[i]!;'],
  ],
  { base: 'test/05-callbacks/bad/compact-event-bus.ts' },
);
