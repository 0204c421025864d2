/**
 * Bug: files OpenAI tool-call fragments under their `id`. Only the first fragment of a call has
 * one, so every later fragment lands in one nameless call and the real call gets no arguments.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '        let call = calls.get(fragment.index);\n        if (!call) {\n          call = { id: \'\', name: \'\', fragments: [] };\n          calls.set(fragment.index, call);\n        }',
    '        let call = calls.get(fragment.id as unknown as number);\n        if (!call) {\n          call = { id: \'\', name: \'\', fragments: [] };\n          calls.set(fragment.id as unknown as number, call);\n        }',
  ],
]);
