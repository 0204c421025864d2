/**
 * Bug: accepts any Content-Type that contains text/event-stream, such as
 * `text/plain; format=text/event-stream`, instead of that media type.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([["if (!/^text\\/event-stream\\s*(;|$)/i.test(type) || !response.body) {", "if (!type.toLowerCase().includes('text/event-stream') || !response.body) {"]]);
