/**
 * Bug: decodes every chunk to a string on its own, so a character split between two chunks turns
 * into replacement characters.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      for (const line of lines.push(typeof chunk === \'string\' ? Buffer.from(chunk) : chunk)) receive(line);', '      for (const line of lines.push(Buffer.from(chunk.toString()))) receive(line);'],
]);
