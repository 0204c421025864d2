/**
 * Bug: numbers sessions 1, 2, 3…, so anyone can guess another client's Mcp-Session-Id and act
 * inside its session.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const id = randomUUID();', '    const id = `session-${this.#sessions.size + 1}`;'],
]);
