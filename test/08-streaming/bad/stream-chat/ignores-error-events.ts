/**
 * Bug: skips events it cannot read as text, including the provider's error event, so an
 * overloaded_error in the middle of the answer looks like the end of a short answer.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "  if (event.type === 'error' || json.error) {\n    throw new ProviderError(json.error?.type ?? 'error', json.error?.message ?? event.data);\n  }\n",
    "  if (event.type === 'error' || json.error) return DONE;\n",
  ],
]);
