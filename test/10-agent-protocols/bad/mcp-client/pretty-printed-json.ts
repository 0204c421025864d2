/**
 * Bug: writes each message as indented JSON, with newlines inside it, so the server reads pieces
 * of messages as lines.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    this.#child!.stdin!.write(`${JSON.stringify(message)}\\n`);', '    this.#child!.stdin!.write(`${JSON.stringify(message, null, 2)}\\n`);'],
]);
