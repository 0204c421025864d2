/**
 * Bug: accepts any MCP-Protocol-Version header, where an unsupported one must get 400.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(String(version))) {', '    if (version === \'never\') {'],
]);
