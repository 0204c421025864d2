/** Bug: reads "priority 1" as "first": serves the lowest number first. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'return a.priority > b.priority || (a.priority === b.priority && a.arrival < b.arrival);',
    'return a.priority < b.priority || (a.priority === b.priority && a.arrival < b.arrival);',
  ],
]);
