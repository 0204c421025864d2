/**
 * Bug: decodes each read of the body on its own before parsing, so a character whose bytes
 * arrive in two reads turns into replacement characters.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['      for (const event of parser.push(chunk.value)) {', '      for (const event of parser.push(new TextDecoder().decode(chunk.value))) {']]);
