/**
 * Bug: copies the body with JSON.parse(JSON.stringify(…)): wrapping costs O(size of the body),
 * the receiver gets a different object, and an undefined body disappears.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    'return { header: { id: stamp.id, type, sentAt: stamp.sentAt }, body };',
    'const copy = body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as T);\n  return JSON.parse(JSON.stringify({ header: { id: stamp.id, type, sentAt: stamp.sentAt }, body: copy })) as Envelope<T>;',
  ],
]);
