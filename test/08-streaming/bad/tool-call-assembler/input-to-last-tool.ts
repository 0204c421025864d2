/**
 * Bug: appends every `input_json_delta` to the last tool call it saw instead of the block its
 * `index` names, so a server tool's input (web search) is glued onto the client tool's.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "else if (delta.type === 'input_json_delta') calls.get(event.index)?.fragments.push(delta.partial_json);",
    "else if (delta.type === 'input_json_delta') [...calls.values()].at(-1)?.fragments.push(delta.partial_json);",
  ],
]);
