/**
 * Bug: a correct binary heap that compares priorities only. Heaps are not stable, so messages
 * of equal priority come out in an order that depends on the heap's shape, not on arrival.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'return a.priority > b.priority || (a.priority === b.priority && a.arrival < b.arrival);',
    'return a.priority > b.priority;',
  ],
]);
