/** Bug: parses empty arguments as JSON, so a call of a tool without parameters is rejected. */
import { edits } from '../../../support/mutant.ts';

export default edits([["arguments: raw === '' ? {} : JSON.parse(raw)", 'arguments: JSON.parse(raw)']]);
